CREATE TABLE "question_validations" (
	"question_id" text PRIMARY KEY NOT NULL,
	"validator" text NOT NULL,
	"model" text,
	"prompt_version" text NOT NULL,
	"bloom_level" text NOT NULL,
	"quality_score" double precision NOT NULL,
	"answer_key_correct" integer NOT NULL,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"suggested_difficulty" smallint NOT NULL,
	"decision" text NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"near_duplicate_of" text,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tokens" integer DEFAULT 0 NOT NULL,
	"run_id" text,
	"source_id" text,
	"validated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "question_validations" ADD CONSTRAINT "question_validations_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;