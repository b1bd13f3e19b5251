-- Full-text search over what learners may read: question text, choice texts and tags.
-- Never the answer key or the explanation, which would let a search reveal answers.
-- The index row shares the question's rowid; triggers keep it in step with every write.
CREATE VIRTUAL TABLE `questions_fts` USING fts5(
	`text`,
	`choices`,
	`tags`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `questions_fts_after_insert` AFTER INSERT ON `questions` BEGIN
	INSERT INTO `questions_fts` (`rowid`, `text`, `choices`, `tags`) VALUES (
		new.rowid,
		new.`text`,
		(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(new.`choices`)),
		(SELECT group_concat(value, ' ') FROM json_each(new.`tags`))
	);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_after_update` AFTER UPDATE OF `text`, `choices`, `tags` ON `questions` BEGIN
	DELETE FROM `questions_fts` WHERE `rowid` = old.rowid;
	INSERT INTO `questions_fts` (`rowid`, `text`, `choices`, `tags`) VALUES (
		new.rowid,
		new.`text`,
		(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(new.`choices`)),
		(SELECT group_concat(value, ' ') FROM json_each(new.`tags`))
	);
END;
--> statement-breakpoint
CREATE TRIGGER `questions_fts_after_delete` AFTER DELETE ON `questions` BEGIN
	DELETE FROM `questions_fts` WHERE `rowid` = old.rowid;
END;
--> statement-breakpoint
-- Rows copied before this migration.
INSERT INTO `questions_fts` (`rowid`, `text`, `choices`, `tags`)
SELECT
	q.rowid,
	q.`text`,
	(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(q.`choices`)),
	(SELECT group_concat(value, ' ') FROM json_each(q.`tags`))
FROM `questions` q;
