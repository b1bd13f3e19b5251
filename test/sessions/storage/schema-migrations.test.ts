import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../../schemas/question.ts";
import { readTiebreaks } from "../../../src/leaderboards/board-tiebreaks.ts";
import { anonymousObjectName } from "../../../src/sessions/learner-stub.ts";
import { LEARNER_MIGRATIONS } from "../../../src/sessions/storage/migrations.ts";
import { migrateSchema } from "../../../src/sessions/storage/schema-migrations.ts";
import { questionBank, seedD1 } from "../../helpers/bank.ts";
import { playSession } from "../../helpers/sessions.ts";

const objectNamed = (name: string) => env.LEARNER.get(env.LEARNER.idFromName(name));

/** The object's schema as SQLite keeps it (the runtime's own tables left out). */
function schemaOf(sql: SqlStorage) {
  return sql
    .exec<{ type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .toArray();
}

const tables = (sql: SqlStorage) =>
  schemaOf(sql)
    .filter((t) => t.type === "table")
    .map((t) => t.name);
const ledger = (sql: SqlStorage) =>
  sql
    .exec<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name")
    .toArray()
    .map((r) => r.name);

/** Applies the steps before `name` one call at a time, as objects created before each step lived through them. */
function upTo(storage: DurableObjectStorage, name: string): void {
  const end = LEARNER_MIGRATIONS.findIndex((m) => m.name === name);
  for (let k = 1; k <= end; k++) migrateSchema(storage, LEARNER_MIGRATIONS.slice(0, k));
}

describe("the learner object's schema steps", () => {
  it("gives a new object the whole schema in one go, the same as every step applied one by one", async () => {
    const fresh = await runInDurableObject(objectNamed("user:schema-fresh"), (_i, state) => {
      expect(migrateSchema(state.storage, LEARNER_MIGRATIONS)).toEqual(LEARNER_MIGRATIONS.map((m) => m.name));
      return { schema: schemaOf(state.storage.sql), ledger: ledger(state.storage.sql) };
    });
    const stepwise = await runInDurableObject(objectNamed("user:schema-stepwise"), (_i, state) => {
      for (let k = 1; k <= LEARNER_MIGRATIONS.length; k++) {
        const ran = migrateSchema(state.storage, LEARNER_MIGRATIONS.slice(0, k));
        expect(ran).toEqual([LEARNER_MIGRATIONS[k - 1]?.name]);
      }
      return { schema: schemaOf(state.storage.sql), ledger: ledger(state.storage.sql) };
    });
    expect(fresh.schema.length).toBeGreaterThan(LEARNER_MIGRATIONS.length);
    expect(fresh).toEqual(stepwise);
  });

  it("moves the tiebreaks of the row-per-board layout into the single row, keeping live boards", async () => {
    const now = Date.now();
    const live = await runInDurableObject(objectNamed("user:schema-tiebreaks"), (_i, state) => {
      upTo(state.storage, "0007-board-tiebreaks-row");
      const insert = "INSERT INTO board_tiebreaks (key, tiebreak, expires_at) VALUES (?, ?, ?)";
      state.storage.sql.exec(insert, "lb:all", 1234, null);
      state.storage.sql.exec(insert, "lb:weekly:2026-w48", 99, now + 86_400_000);
      state.storage.sql.exec(insert, "lb:daily:2026-11-01", 7, now - 1000);
      expect(migrateSchema(state.storage, LEARNER_MIGRATIONS)).toContain("0007-board-tiebreaks-row");
      expect(tables(state.storage.sql)).not.toContain("board_tiebreaks");
      return Object.fromEntries(readTiebreaks(state.storage.sql, now));
    });
    expect(live).toEqual({
      "lb:all": { tiebreak: 1234, expiresAt: null },
      "lb:weekly:2026-w48": { tiebreak: 99, expiresAt: now + 86_400_000 },
    });
  });

  it("carries review cards over to the table keyed by question", async () => {
    await runInDurableObject(objectNamed("user:schema-cards"), (_i, state) => {
      const sql = state.storage.sql;
      upTo(state.storage, "0009-review-cards-by-question");
      const insert = "INSERT INTO review_cards VALUES (?, ?, ?, ?, ?, ?, ?)";
      sql.exec(insert, "q-1", "geography", 2, '{"due":5}', 5, "good", 1);
      sql.exec(insert, "q-2", "history", 4, '{"due":9}', 9, "again", 2);
      const before = sql.exec("SELECT * FROM review_cards ORDER BY question_id").toArray();
      expect(migrateSchema(state.storage, LEARNER_MIGRATIONS)).toContain("0009-review-cards-by-question");
      expect(sql.exec("SELECT * FROM review_cards ORDER BY question_id").toArray()).toEqual(before);
      const layout = schemaOf(sql);
      expect(layout.find((t) => t.name === "review_cards")?.sql).toContain("WITHOUT ROWID");
      expect(layout.map((t) => t.name)).toContain("review_cards_due_idx");
    });
  });
});

describe("anonymous sessions' objects", () => {
  let byId: Map<string, Question>;
  beforeAll(async () => {
    const bank = await questionBank();
    await seedD1(env.DB, bank);
    byId = new Map(bank.map((q) => [q.id, q]));
  });

  it("holds only the tables its session uses, and plays, finishes and runs its alarm without the others", async () => {
    const { session } = await playSession(byId, {}, { topic: "geography", length: 3 }, [true, false, true]);
    const object = objectNamed(anonymousObjectName(session.id));
    const names = await runInDurableObject(object, (_i, state) => tables(state.storage.sql));
    expect(names).toEqual(expect.arrayContaining(["sessions", "answers", "idempotency_keys", "answer_outbox"]));
    for (const learnerTable of ["review_cards", "learner_progress", "board_outbox", "board_state", "ability_days"])
      expect(names).not.toContain(learnerTable);
    // The alarm's tasks (the stream's outbox, the boards' retries) find what they need or nothing.
    await runDurableObjectAlarm(object);
    const pending = await runInDurableObject(object, (_i, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM answer_outbox").one(),
    );
    expect(pending.n).toBe(0);
  });
});
