import type { OriginConnection } from "../origin/client.ts";
import { d1AllIds, deleteD1Questions, upsertD1Questions } from "./d1-store.ts";
import { readOriginAll, readOriginQuestions } from "./origin-store.ts";

export interface D1SyncReport {
  /** Rows written from the origin (every status; the D1 tier serves active ones only). */
  upserted: number;
  /** Rows the origin no longer has. */
  removed: number;
}

/** Makes the edge copy of these ids match the origin: copy what it has, drop what it lacks. */
export async function syncD1Ids(db: D1Database, origin: OriginConnection, ids: string[]): Promise<D1SyncReport> {
  if (ids.length === 0) return { upserted: 0, removed: 0 };
  const rows = await readOriginQuestions(origin, ids, { activeOnly: false });
  await upsertD1Questions(db, [...rows.values()]);
  const removed = await deleteD1Questions(
    db,
    ids.filter((id) => !rows.has(id)),
  );
  return { upserted: rows.size, removed };
}

/** Makes the whole edge copy match the origin. */
export async function syncD1All(db: D1Database, origin: OriginConnection): Promise<D1SyncReport> {
  const rows = await readOriginAll(origin);
  await upsertD1Questions(db, rows);
  const keep = new Set(rows.map((r) => r.id));
  const removed = await deleteD1Questions(
    db,
    (await d1AllIds(db)).filter((id) => !keep.has(id)),
  );
  return { upserted: rows.length, removed };
}
