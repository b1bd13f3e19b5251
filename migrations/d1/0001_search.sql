-- Full-text search over the edge copy: an external-content FTS5 index kept in step by triggers.
CREATE VIRTUAL TABLE `questions_fts` USING fts5(
	`text`, `category`, `tags`,
	content='questions', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `questions_fts_ai` AFTER INSERT ON `questions` BEGIN
	INSERT INTO questions_fts(rowid, text, category, tags) VALUES (new.rowid, new.text, new.category, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_ad` AFTER DELETE ON `questions` BEGIN
	INSERT INTO questions_fts(questions_fts, rowid, text, category, tags) VALUES ('delete', old.rowid, old.text, old.category, old.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_au` AFTER UPDATE ON `questions` BEGIN
	INSERT INTO questions_fts(questions_fts, rowid, text, category, tags) VALUES ('delete', old.rowid, old.text, old.category, old.tags);
	INSERT INTO questions_fts(rowid, text, category, tags) VALUES (new.rowid, new.text, new.category, new.tags);
END;
--> statement-breakpoint
-- Keyset pagination and random picks walk (filters..., id).
CREATE INDEX `questions_active_id_idx` ON `questions` (`status`, `id`);
