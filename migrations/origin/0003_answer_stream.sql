-- The answer stream: question calibration and health flags (as drizzle-kit generated them).
CREATE TABLE "question_calibration" (
	"question_id" text PRIMARY KEY NOT NULL,
	"answers" integer NOT NULL,
	"estimate" double precision NOT NULL,
	"variance" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_health_flags" (
	"question_id" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"stats" jsonb NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_health_flags_question_id_reason_pk" PRIMARY KEY("question_id","reason")
);
--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "calibrated_difficulty" double precision;--> statement-breakpoint
ALTER TABLE "question_calibration" ADD CONSTRAINT "question_calibration_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_health_flags" ADD CONSTRAINT "question_health_flags_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- From here on written by hand: drizzle cannot declare partitioned tables or materialized views.
-- The snapshot beside it (meta/0003) is drizzle-kit's, so schemas/origin-tables.ts stays the typed source.
-- quiz_sessions and answers held nothing before the answer stream: they are recreated,
-- partitioned by month on their timestamp, with keys that include it (Postgres requires it).
DROP TABLE "answers";
--> statement-breakpoint
DROP TABLE "quiz_sessions";
--> statement-breakpoint
CREATE TABLE "quiz_sessions" (
	"id" text NOT NULL,
	"user_id" text,
	"category" text,
	"mode" text NOT NULL,
	"length" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"answered" integer,
	"correct" integer,
	CONSTRAINT "quiz_sessions_id_started_at_pk" PRIMARY KEY("id","started_at")
) PARTITION BY RANGE ("started_at");
--> statement-breakpoint
CREATE INDEX "quiz_sessions_user_idx" ON "quiz_sessions" USING btree ("user_id","started_at");
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"user_id" text,
	"question_id" text NOT NULL,
	"category" text NOT NULL,
	"correct" boolean NOT NULL,
	"score" double precision NOT NULL,
	"response" jsonb,
	"item_difficulty" double precision NOT NULL,
	"ability_before" double precision NOT NULL,
	"ability_after" double precision NOT NULL,
	"response_ms" integer,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "answers_id_answered_at_pk" PRIMARY KEY("id","answered_at")
) PARTITION BY RANGE ("answered_at");
--> statement-breakpoint
CREATE INDEX "answers_user_question_idx" ON "answers" USING btree ("user_id","question_id","answered_at");
--> statement-breakpoint
CREATE INDEX "answers_question_idx" ON "answers" USING btree ("question_id");
--> statement-breakpoint
-- A row whose month has no partition yet (a clock far off, an outbox held for months) lands
-- here instead of failing its batch; ensure_month_partitions moves such rows out.
CREATE TABLE "quiz_sessions_default" PARTITION OF "quiz_sessions" DEFAULT;
--> statement-breakpoint
CREATE TABLE "answers_default" PARTITION OF "answers" DEFAULT;
--> statement-breakpoint
-- The partitions of this month and the next `months_ahead` (UTC months, named <table>_YYYY_MM);
-- the cron calls it on every maintenance tick. Returns how many it created.
CREATE FUNCTION "ensure_month_partitions"(parent text, key_column text, months_ahead integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	first_month timestamptz := date_trunc('month', now(), 'UTC');
	lower_bound timestamptz;
	upper_bound timestamptz;
	part text;
	created integer := 0;
BEGIN
	FOR i IN 0..months_ahead LOOP
		lower_bound := first_month + make_interval(months => i);
		upper_bound := lower_bound + interval '1 month';
		part := parent || '_' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYY_MM');
		CONTINUE WHEN to_regclass(part) IS NOT NULL;
		-- Attaching checks the default partition holds nothing of the month: move its rows first,
		-- with inserts into it held until this transaction ends.
		EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', parent || '_default');
		EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, parent);
		EXECUTE format(
			'WITH moved AS (DELETE FROM %I WHERE %I >= %L AND %I < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
			parent || '_default', key_column, lower_bound, key_column, upper_bound, part
		);
		EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lower_bound, upper_bound);
		created := created + 1;
	END LOOP;
	RETURN created;
END
$$;
--> statement-breakpoint
SELECT "ensure_month_partitions"('quiz_sessions', 'started_at', 3);
--> statement-breakpoint
SELECT "ensure_month_partitions"('answers', 'answered_at', 3);
--> statement-breakpoint
-- Per signed-in learner: sessions started, answers, mean answer score and the longest run of
-- correct answers (consecutive in answer order). Refreshed CONCURRENTLY by the cron, which
-- needs the unique index.
CREATE MATERIALIZED VIEW "user_stats" AS
WITH runs AS (
	SELECT user_id, correct,
		row_number() OVER (PARTITION BY user_id ORDER BY answered_at, id)
			- row_number() OVER (PARTITION BY user_id, correct ORDER BY answered_at, id) AS run
	FROM answers WHERE user_id IS NOT NULL
), streaks AS (
	SELECT user_id, max(n) AS best_streak
	FROM (SELECT user_id, run, count(*) AS n FROM runs WHERE correct GROUP BY user_id, run) r
	GROUP BY user_id
), totals AS (
	SELECT user_id, count(*) AS total_answers, avg(score) AS average_score
	FROM answers WHERE user_id IS NOT NULL GROUP BY user_id
), sessions AS (
	SELECT user_id, count(*) AS total_sessions FROM quiz_sessions WHERE user_id IS NOT NULL GROUP BY user_id
)
SELECT
	coalesce(s.user_id, t.user_id) AS user_id,
	coalesce(s.total_sessions, 0)::integer AS total_sessions,
	coalesce(t.total_answers, 0)::integer AS total_answers,
	t.average_score::double precision AS average_score,
	coalesce(k.best_streak, 0)::integer AS best_streak
FROM sessions s
FULL JOIN totals t ON t.user_id = s.user_id
LEFT JOIN streaks k ON k.user_id = coalesce(s.user_id, t.user_id);
--> statement-breakpoint
CREATE UNIQUE INDEX "user_stats_user_id_key" ON "user_stats" ("user_id");
