-- The near-duplicate band index moves from D1 to Durable Objects (src/pipeline/store/band-index.ts):
-- its tables go, and a catch-up cursor makes the pipeline file the band rows of every stored
-- fingerprint again, from its signature, in key order (src/pipeline/store/band-backfill.ts).
-- A database without fingerprints has nothing to catch up.
CREATE TABLE `band_index_backfill` (
	`id` integer PRIMARY KEY NOT NULL,
	`after_key` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `band_index_backfill` (`id`, `after_key`)
SELECT 1, '' WHERE EXISTS (SELECT 1 FROM `question_fingerprints`);
--> statement-breakpoint
DROP TABLE `near_duplicate_band_counts`;
--> statement-breakpoint
DROP TABLE `near_duplicate_bands`;
--> statement-breakpoint
DROP TABLE `near_duplicate_bands_recent`;
