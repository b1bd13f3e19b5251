import type { QuestionHealth, QuestionHealthList } from "../../schemas/analytics-api.ts";
import type { OriginConnection } from "../origin/client.ts";
import { assessQuestion } from "./question-health.ts";
import { type QuestionStatsRow, readQuestionStats } from "./question-stats.ts";

function toHealth(row: QuestionStatsRow): QuestionHealth {
  return {
    id: row.id,
    category: row.category,
    type: row.type,
    status: row.status,
    level: row.level,
    answers: row.answers,
    pValue: row.pValue,
    meanTimeMs: row.meanTimeMs,
    discrimination: row.discrimination,
    difficulty: row.calibration,
    strongPicks: row.strongPicks,
    flags: assessQuestion(row),
    onReviewList: row.recorded.length > 0 && row.status === "review",
  };
}

/** Every answered question's health, in id order, a page at a time; the summary covers them all. */
export async function questionHealthReport(
  origin: OriginConnection,
  query: { flagged: boolean; limit: number; cursor?: string },
): Promise<QuestionHealthList> {
  const all = (await readQuestionStats(origin)).map(toHealth);
  const listed = all.filter((q) => (!query.flagged || q.flags.length > 0) && (!query.cursor || q.id > query.cursor));
  const items = listed.slice(0, query.limit);
  return {
    summary: {
      questions: all.length,
      answers: all.reduce((sum, q) => sum + q.answers, 0),
      flagged: all.filter((q) => q.flags.length > 0).length,
    },
    items,
    nextCursor: listed.length > query.limit ? (items.at(-1)?.id ?? null) : null,
  };
}
