-- The duplicate index's write path (src/pipeline/store/fingerprint-index.ts, schemas/d1-pipeline-tables.ts):
-- 1. A recent tier for the near-duplicate bands: new band rows land in a small table and are
--    merged into near_duplicate_bands in bulk. The counts row starts with the rows already stored.
-- 2. Fingerprints are keyed by the first 8 bytes of the content hash instead of the 64-character
--    text (the table is rebuilt to drop that primary key), and lose the unused question-id index.
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
CREATE TABLE `__new_question_fingerprints` (
	`content_hash` text NOT NULL,
	`question_id` text NOT NULL,
	`simhash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_question_fingerprints` (`content_hash`, `question_id`, `simhash`, `created_at`)
SELECT `content_hash`, `question_id`, `simhash`, `created_at` FROM `question_fingerprints` ORDER BY rowid;
--> statement-breakpoint
DROP TABLE `question_fingerprints`;
--> statement-breakpoint
ALTER TABLE `__new_question_fingerprints` RENAME TO `question_fingerprints`;
--> statement-breakpoint
CREATE UNIQUE INDEX `question_fingerprints_hash_key` ON `question_fingerprints` (unhex(substr(`content_hash`, 1, 16)));
