/**
 * A step of the learner object's SQLite schema. Steps are applied once each, in list order,
 * and recorded by name; later issues append steps (new tables, new columns) to the list.
 */
export interface SchemaMigration {
  /** Unique and never renamed, e.g. "0001-sessions". */
  name: string;
  /** Tables only a signed-in learner's object uses (cards, progress, boards): an anonymous session's object skips the step. */
  learnersOnly?: boolean;
  up(sql: SqlStorage): void;
}

const LEDGER = "schema_migrations";

export function hasTable(sql: SqlStorage, name: string): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
}

/** Whether the object has ever been written (an unknown session id must not create storage). */
export function hasSchema(sql: SqlStorage): boolean {
  return hasTable(sql, LEDGER);
}

/**
 * Applies the steps not yet applied and returns their names. An existing object runs each
 * step in its own transaction with its ledger row; a new object (every anonymous session is
 * one) gets the whole schema in one transaction, since there is nothing to keep apart.
 */
export function migrateSchema(storage: DurableObjectStorage, migrations: readonly SchemaMigration[]): string[] {
  const sql = storage.sql;
  if (!hasSchema(sql)) {
    storage.transactionSync(() => {
      sql.exec(`CREATE TABLE ${LEDGER} (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`);
      for (const migration of migrations) migration.up(sql);
      const now = Date.now();
      sql.exec(
        `INSERT INTO ${LEDGER} (name, applied_at) SELECT value, ? FROM json_each(?)`,
        now,
        JSON.stringify(migrations.map((m) => m.name)),
      );
    });
    return migrations.map((m) => m.name);
  }
  const applied = new Set(
    sql
      .exec<{ name: string }>(`SELECT name FROM ${LEDGER}`)
      .toArray()
      .map((r) => r.name),
  );
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    storage.transactionSync(() => {
      migration.up(sql);
      sql.exec(`INSERT INTO ${LEDGER} (name, applied_at) VALUES (?, ?)`, migration.name, Date.now());
    });
    ran.push(migration.name);
  }
  return ran;
}
