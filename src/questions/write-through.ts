import type { Question } from "../../schemas/question.ts";
import type { OriginConnection } from "../origin/client.ts";
import { upsertD1Questions } from "./d1-store.ts";
import { type PurgeEnv, type PurgeReport, purgeQuestions } from "./purge-questions.ts";

/** What the write path needs: bindings, an origin connection and (in a request or queue) `waitUntil`. */
export interface WriteDeps {
  env: PurgeEnv;
  origin: OriginConnection;
  ctx?: Pick<ExecutionContext, "waitUntil">;
}

/**
 * After the origin (the source of truth) has accepted rows: copies them into D1 and purges
 * their cached entries everywhere. If D1 refuses, the purge re-reads them from the origin.
 */
export async function propagateWrites(deps: WriteDeps, rows: Question[]): Promise<PurgeReport | null> {
  if (rows.length === 0) return null;
  let d1Written = true;
  try {
    await upsertD1Questions(deps.env.DB, rows);
  } catch (error) {
    d1Written = false;
    console.warn("write: D1 copy failed, the purge will re-read from the origin;", error);
  }
  return purgeQuestions(
    deps.env,
    deps.ctx,
    rows.map((r) => r.id),
    { origin: deps.origin, refreshD1: !d1Written },
  );
}
