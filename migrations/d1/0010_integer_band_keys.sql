-- Band rows become integers in a WITHOUT ROWID table (src/pipeline/store/fingerprint-index.ts):
-- the key "<band>:<8 hex>" becomes band * 2^28 + its first 7 hex digits (lshBandKeys keeps 28 bits
-- of the band's hash), the 16-digit hash prefix its first 8 digits as a signed 32-bit integer.
-- A row was about 70 bytes over the table and its primary-key index, it is now about 14. Bands 6
-- and 7 are dropped: the signature is now filed under its first six bands only.
CREATE TABLE `near_duplicate_bands` (
	`band_key` integer NOT NULL,
	`hash_prefix` integer NOT NULL,
	PRIMARY KEY(`band_key`, `hash_prefix`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `near_duplicate_bands` (`band_key`, `hash_prefix`)
SELECT key, CASE WHEN prefix >= 2147483648 THEN prefix - 4294967296 ELSE prefix END
FROM (
  SELECT
    CAST(substr(band_key, 1, 1) AS INTEGER) * 268435456 +
      (instr('0123456789abcdef', substr(band_key, 3, 1)) - 1) * 16777216 +
      (instr('0123456789abcdef', substr(band_key, 4, 1)) - 1) * 1048576 +
      (instr('0123456789abcdef', substr(band_key, 5, 1)) - 1) * 65536 +
      (instr('0123456789abcdef', substr(band_key, 6, 1)) - 1) * 4096 +
      (instr('0123456789abcdef', substr(band_key, 7, 1)) - 1) * 256 +
      (instr('0123456789abcdef', substr(band_key, 8, 1)) - 1) * 16 +
      (instr('0123456789abcdef', substr(band_key, 9, 1)) - 1) AS key,
    (instr('0123456789abcdef', substr(content_hash, 1, 1)) - 1) * 268435456 +
      (instr('0123456789abcdef', substr(content_hash, 2, 1)) - 1) * 16777216 +
      (instr('0123456789abcdef', substr(content_hash, 3, 1)) - 1) * 1048576 +
      (instr('0123456789abcdef', substr(content_hash, 4, 1)) - 1) * 65536 +
      (instr('0123456789abcdef', substr(content_hash, 5, 1)) - 1) * 4096 +
      (instr('0123456789abcdef', substr(content_hash, 6, 1)) - 1) * 256 +
      (instr('0123456789abcdef', substr(content_hash, 7, 1)) - 1) * 16 +
      (instr('0123456789abcdef', substr(content_hash, 8, 1)) - 1) AS prefix
  FROM `simhash_bands`
  WHERE length(band_key) = 10 AND substr(band_key, 1, 1) < '6'
)
ORDER BY 1, 2;
--> statement-breakpoint
DROP TABLE `simhash_bands`;
