import type { CategoryInfo, CategoryList } from "../../schemas/session-api.ts";
import type { CacheResult } from "../cache/tiered-cache.ts";
import { TieredCache } from "../cache/tiered-cache.ts";
import type { Timings } from "../cache/timings.ts";
import { type QueryDeps, queryPolicy, readQuery } from "../questions/query-cache.ts";

const categoryLists = new TieredCache<CategoryList>(queryPolicy("categories"));

type CountRow = { category: string; language: string; difficulty: number; n: number };
type TagRow = { category: string; tag: string };

async function loadCategories(db: D1Database): Promise<CategoryList> {
  const [counts, tags] = await db.batch<CountRow | TagRow>([
    db.prepare(
      `SELECT category, language, difficulty, count(*) AS n FROM questions WHERE status = 'active'
       GROUP BY category, language, difficulty`,
    ),
    db.prepare(
      `SELECT DISTINCT q.category AS category, t.value AS tag FROM questions q, json_each(q.tags) t
       WHERE q.status = 'active' ORDER BY t.value`,
    ),
  ]);
  const byName = new Map<string, CategoryInfo>();
  for (const row of (counts?.results ?? []) as CountRow[]) {
    let info = byName.get(row.category);
    if (!info) {
      info = { name: row.category, total: 0, byDifficulty: {}, byLanguage: {}, tags: [] };
      byName.set(row.category, info);
    }
    info.total += row.n;
    info.byDifficulty[row.difficulty] = (info.byDifficulty[row.difficulty] ?? 0) + row.n;
    info.byLanguage[row.language] = (info.byLanguage[row.language] ?? 0) + row.n;
  }
  for (const row of (tags?.results ?? []) as TagRow[]) byName.get(row.category)?.tags.push(row.tag);
  return { categories: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Every active category with its counts per difficulty and language, and its tags; cached like listings. */
export function listCategories(deps: QueryDeps, timings: Timings): Promise<CacheResult<CategoryList>> {
  return readQuery(categoryLists, deps, "all", { name: "D1", load: () => loadCategories(deps.env.DB) }, timings);
}

/**
 * The category a topic names: the category itself (any case), else the largest category it
 * is a prefix of, else the largest one holding a tag it is a prefix of. With a language, only
 * categories with questions in it count. Null when nothing matches.
 */
export function matchTopic(categories: readonly CategoryInfo[], topic: string, language?: string): CategoryInfo | null {
  const wanted = topic.trim().toLowerCase();
  const usable = categories.filter((c) => language === undefined || (c.byLanguage[language] ?? 0) > 0);
  const largest = (matches: CategoryInfo[]) => matches.sort((a, b) => b.total - a.total)[0] ?? null;
  return (
    usable.find((c) => c.name.toLowerCase() === wanted) ??
    largest(usable.filter((c) => c.name.toLowerCase().startsWith(wanted))) ??
    largest(usable.filter((c) => c.tags.some((tag) => tag.toLowerCase().startsWith(wanted))))
  );
}
