import { createRequire } from "node:module";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { questions } from "../../schemas/origin-tables.ts";
import type { Question } from "../../schemas/question.ts";

// Loaded through require so the Node build is used even when Vite resolves with the `workerd`
// condition (the test global setup runs under the Workers Vitest plugin).
const postgres = createRequire(import.meta.url)("postgres") as typeof import("postgres");

const MIGRATIONS = new URL("../../migrations/origin", import.meta.url).pathname;

/** Applies the origin migrations (drizzle-kit output) to any Postgres server: PGlite or a real one. */
export async function migrateOrigin(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Inserts questions that are not there yet (by id); returns how many were new. */
export async function seedOrigin(url: string, bank: Question[]): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(sql);
    let inserted = 0;
    for (let i = 0; i < bank.length; i += 200) {
      const rows = await db
        .insert(questions)
        .values(bank.slice(i, i + 200))
        .onConflictDoNothing()
        .returning({ id: questions.id });
      inserted += rows.length;
    }
    return inserted;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Drops and recreates the public schema: tests against a real server start from nothing. */
export async function resetOrigin(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(
      "DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;",
    );
  } finally {
    await sql.end({ timeout: 5 });
  }
}
