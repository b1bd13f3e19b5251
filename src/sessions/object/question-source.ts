import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { questions } from "../../../schemas/d1-tables.ts";
import type { Question } from "../../../schemas/question.ts";
import { type DifficultySource, itemDifficulty } from "../../adaptive/item-difficulty.ts";
import type { Candidate } from "../../adaptive/select-item.ts";
import { SourceUnavailableError, TieredCache } from "../../cache/tiered-cache.ts";
import type { Timings } from "../../cache/timings.ts";
import { unavailable } from "../../http/problem.ts";
import { queryPolicy } from "../../questions/query-cache.ts";
import type { ReadDeps } from "../../questions/question-cache.ts";
import { readQuestion } from "../../questions/read-questions.ts";

/** A question a session may ask, with what the engine needs to choose it. */
export interface PoolItem extends Candidate {
  level: number;
}

/** Active questions per category and language, from the edge copy; a minute fresh in memory. */
const pools = new TieredCache<PoolItem[]>(queryPolicy("session-pool"));

function toPoolItem(row: { id: string } & DifficultySource): PoolItem {
  return { id: row.id, b: itemDifficulty(row), level: row.difficulty };
}

/**
 * Where a learner object reads questions: the candidate pool from D1 (the edge copy; the
 * origin is never asked for it) and full questions through the tiered read path.
 */
export class QuestionSource {
  constructor(private readonly deps: ReadDeps) {}

  async pool(category: string, language: string | null): Promise<PoolItem[]> {
    const db = this.deps.env.DB;
    const load = async (): Promise<Map<string, PoolItem[]>> => {
      const conditions = [eq(questions.status, "active"), eq(questions.category, category)];
      if (language !== null) conditions.push(eq(questions.language, language));
      const rows = await drizzle(db)
        .select({
          id: questions.id,
          difficulty: questions.difficulty,
          calibratedDifficulty: questions.calibratedDifficulty,
        })
        .from(questions)
        .where(and(...conditions));
      return new Map([[key, rows.map(toPoolItem)]]);
    };
    const key = JSON.stringify([category, language]);
    try {
      const result = await pools.get(key, { tiers: [], loader: { name: "D1", load }, waitUntil: this.deps.waitUntil });
      return result.value ?? [];
    } catch (error) {
      if (error instanceof SourceUnavailableError)
        throw unavailable("the edge database is unreachable; retry shortly", error);
      throw error;
    }
  }

  /** A full question (with its key) through memory, KV, D1 and only then the origin; null when gone. */
  async question(id: string): Promise<Question | null> {
    const timings: Timings = {};
    return (await readQuestion(this.deps, id, timings)).value;
  }
}
