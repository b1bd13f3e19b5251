CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`text` text NOT NULL,
	`choices` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text,
	`category` text NOT NULL,
	`tags` text NOT NULL,
	`difficulty` integer NOT NULL,
	`bloom_level` text NOT NULL,
	`language` text NOT NULL,
	`media_keys` text NOT NULL,
	`source` text NOT NULL,
	`content_hash` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_content_hash_key` ON `questions` (`content_hash`);--> statement-breakpoint
CREATE INDEX `questions_active_filter_idx` ON `questions` (`category`,`difficulty`,`bloom_level`) WHERE status = 'active';