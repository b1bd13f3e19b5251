import { answerOutboxSchema } from "../../answer-stream/outbox/outbox-schema.ts";
import { boardOutboxSchema } from "../../leaderboards/board-outbox-schema.ts";
import { abilityHistorySchema } from "../../progress/ability-history-schema.ts";
import { learnerProgressSchema } from "../../progress/progress-schema.ts";
import { reviewCardsSchema } from "../../reviews/review-cards-schema.ts";
import { sessionsSchema } from "./0001-sessions.ts";
import type { SchemaMigration } from "./schema-migrations.ts";

/** The learner object's schema, in order. Append new steps; never edit or reorder applied ones. */
export const LEARNER_MIGRATIONS: readonly SchemaMigration[] = [
  sessionsSchema,
  reviewCardsSchema,
  learnerProgressSchema,
  boardOutboxSchema,
  answerOutboxSchema,
  abilityHistorySchema,
];
