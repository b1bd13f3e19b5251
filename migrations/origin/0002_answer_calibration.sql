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