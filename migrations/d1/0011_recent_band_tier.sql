-- A recent tier for the near-duplicate band index (src/pipeline/store/fingerprint-index.ts):
-- new band rows land in a small table and are merged into near_duplicate_bands in bulk. The
-- counts row starts with the rows already stored. The fingerprints' question-id index is
-- dropped: no query uses it.
CREATE TABLE `near_duplicate_band_counts` (
	`id` integer PRIMARY KEY NOT NULL,
	`recent_rows` integer NOT NULL,
	`main_rows` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `near_duplicate_band_counts` (`id`, `recent_rows`, `main_rows`)
SELECT 1, 0, count(*) FROM `near_duplicate_bands`;
--> statement-breakpoint
CREATE TABLE `near_duplicate_bands_recent` (
	`band_key` integer NOT NULL,
	`hash_prefix` integer NOT NULL,
	PRIMARY KEY(`band_key`, `hash_prefix`)
) WITHOUT ROWID;
--> statement-breakpoint
DROP INDEX `question_fingerprints_id_idx`;
