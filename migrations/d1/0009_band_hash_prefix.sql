-- Band rows name their question by the first 16 hex digits of its content hash instead of all
-- 64 (src/pipeline/store/fingerprint-index.ts): the band index grows 8 rows a question, and
-- rows a third the size keep it in fewer pages as the store grows. Lookups join on the prefix.
UPDATE OR IGNORE simhash_bands SET content_hash = substr(content_hash, 1, 16) WHERE length(content_hash) > 16;
--> statement-breakpoint
-- A row whose shortened form already existed (the same band and prefix) is the same entry.
DELETE FROM simhash_bands WHERE length(content_hash) > 16;
