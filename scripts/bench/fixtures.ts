import { createHash } from "node:crypto";
import { getTableColumns } from "drizzle-orm";
import { questions } from "../../schemas/d1-tables.ts";
import type { Question } from "../../schemas/question.ts";
import { prng } from "../../src/seed/draft.ts";

/**
 * Copies of bank questions under new ids, so each tier case can ask for ids that only that
 * tier holds and no request repeats an id (which memory would then serve).
 */
export function syntheticQuestions(bank: Question[], prefix: string, count: number): Question[] {
  return Array.from({ length: count }, (_, i) => {
    const base = bank[i % bank.length] as Question;
    const id = `q_${prefix}_${i.toString().padStart(6, "0")}`;
    return {
      ...base,
      id,
      text: `${base.text} [${id}]`,
      contentHash: createHash("sha256").update(id).digest("hex"),
    };
  });
}

/** D1 insert statements for questions: column names and values in table order. */
export function d1Insert(q: Question): { sql: string; params: unknown[] } {
  const columns = Object.entries(getTableColumns(questions)) as [keyof Question, { name: string }][];
  const params = columns.map(([key]) => {
    const value = q[key];
    return value !== null && typeof value === "object" ? JSON.stringify(value) : value;
  });
  return {
    sql: `INSERT INTO questions (${columns.map(([, c]) => c.name).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    params,
  };
}

/**
 * `n` draws from a Zipf(s) distribution over `items` (rank 1 most likely), with the ranks
 * assigned by a seeded shuffle, so runs are repeatable.
 */
export function zipfSample<T>(items: T[], s: number, n: number, seed = 42): T[] {
  const rand = prng(seed);
  const ranked = [...items];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ranked[i], ranked[j]] = [ranked[j] as T, ranked[i] as T];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= ranked.length; k++) {
    total += 1 / k ** s;
    cumulative.push(total);
  }
  return Array.from({ length: n }, () => {
    const target = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo] as T;
  });
}
