CREATE TABLE `ai_result_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`verdict` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ai_token_usage` (
	`day` text PRIMARY KEY NOT NULL,
	`tokens` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`message_id` text PRIMARY KEY NOT NULL,
	`run_id` text,
	`source_id` text,
	`kind` text NOT NULL,
	`attempts` integer NOT NULL,
	`body` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_run_idx` ON `dead_letters` (`run_id`);--> statement-breakpoint
CREATE TABLE `fetch_slots` (
	`host` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pipeline_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `question_fingerprints` (
	`content_hash` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`simhash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_fingerprints_id_idx` ON `question_fingerprints` (`question_id`);--> statement-breakpoint
CREATE TABLE `scrape_leases` (
	`due_at` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scrape_run_sources` (
	`run_id` text NOT NULL,
	`source_id` text NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`fetched` integer DEFAULT 0 NOT NULL,
	`parsed` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`review` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`batches_total` integer,
	`batches_done` integer DEFAULT 0 NOT NULL,
	`started_at` text,
	`finished_at` text,
	PRIMARY KEY(`run_id`, `source_id`)
);
--> statement-breakpoint
CREATE TABLE `scrape_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`trigger` text NOT NULL,
	`due_at` text,
	`requested_by` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `scrape_runs_created_idx` ON `scrape_runs` (`created_at`);--> statement-breakpoint
CREATE TABLE `simhash_bands` (
	`band_key` text NOT NULL,
	`content_hash` text NOT NULL,
	PRIMARY KEY(`band_key`, `content_hash`)
);
