CREATE TABLE `answer_dead_letters` (
	`message_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`event_id` text,
	`event_type` text,
	`attempts` integer NOT NULL,
	`body` text NOT NULL,
	`received_at` text NOT NULL,
	`replayed_at` text
);
--> statement-breakpoint
CREATE INDEX `answer_dead_letters_received_idx` ON `answer_dead_letters` (`received_at`);--> statement-breakpoint
ALTER TABLE `questions` ADD `calibrated_difficulty` real;