CREATE TABLE `pending_purges` (
	`question_id` text PRIMARY KEY NOT NULL,
	`queued_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
