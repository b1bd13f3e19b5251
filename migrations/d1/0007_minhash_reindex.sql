-- Near-duplicate signatures moved from a 64-bit SimHash (16 hex digits, band keys "<band>:<4 hex>")
-- to MinHash (256 hex digits, band keys "<band>:<8 hex>"). Old band rows can never match a new key.
DELETE FROM simhash_bands WHERE length(band_key) < 10;
--> statement-breakpoint
-- Questions with an edge copy lose their old fingerprint, so indexUnfingerprinted signs them
-- again; the others (held for review, rejected) keep theirs for exact duplicates only.
DELETE FROM question_fingerprints
WHERE length(simhash) <= 16 AND content_hash IN (SELECT content_hash FROM questions);
