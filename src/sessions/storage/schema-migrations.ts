/**
 * A step of the learner object's SQLite schema. Steps are applied once each, in list order,
 * and recorded by name; later issues append steps (new tables, new columns) to the list.
 */
export interface SchemaMigration {
  /** Unique and never renamed, e.g. "0001-sessions". */
  name: string;
  up(sql: SqlStorage): void;
}

const LEDGER = "schema_migrations";

/** Whether the object has ever been written (an unknown session id must not create storage). */
export function hasSchema(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", LEDGER).toArray().length > 0;
}

/** Applies the steps not yet applied, each in its own transaction with its ledger row. Returns their names. */
export function migrateSchema(storage: DurableObjectStorage, migrations: readonly SchemaMigration[]): string[] {
  const sql = storage.sql;
  sql.exec(`CREATE TABLE IF NOT EXISTS ${LEDGER} (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`);
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
