CREATE TABLE `synthetic_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`trigger` text NOT NULL,
	`slot` text,
	`started_at` text NOT NULL,
	`ok` integer,
	`failed_step` text,
	`error` text,
	`duration_ms` integer,
	`steps` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `synthetic_runs_slot_unique` ON `synthetic_runs` (`slot`);--> statement-breakpoint
CREATE INDEX `synthetic_runs_started_idx` ON `synthetic_runs` (`started_at`);