import { answerOutboxSchema, answerOutboxUnindexed } from "../../answer-stream/outbox/outbox-schema.ts";
import { boardOutboxSchema } from "../../leaderboards/board-outbox-schema.ts";
import { boardTiebreaksRow } from "../../leaderboards/board-tiebreaks.ts";
import { abilityHistorySchema } from "../../progress/ability-history-schema.ts";
import { learnerProgressSchema } from "../../progress/progress-schema.ts";
import { reviewCardsByQuestion, reviewCardsSchema } from "../../reviews/review-cards-schema.ts";
import { anonymousSessionsByStart } from "../expire-anonymous.ts";
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
  boardTiebreaksRow,
  answerOutboxUnindexed,
  reviewCardsByQuestion,
  anonymousSessionsByStart,
];

/** The steps an object applies: an anonymous session's object only those its sessions use. */
export function migrationsFor(anonymous: boolean): readonly SchemaMigration[] {
  return anonymous ? LEARNER_MIGRATIONS.filter((m) => !m.learnersOnly) : LEARNER_MIGRATIONS;
}
