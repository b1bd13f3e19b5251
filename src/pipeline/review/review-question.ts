import type { AdminQuestion } from "../../../schemas/admin-question.ts";
import type { OriginConnection } from "../../origin/client.ts";
import type { CachePurger } from "../store/cache-purger.ts";
import { removeFromEdge, replaceOnEdge } from "../store/edge-copy.ts";
import { getAdminQuestion, setReviewedStatus } from "./review-store.ts";

export interface ReviewDeps {
  origin: OriginConnection;
  db: D1Database;
  purger: CachePurger;
}

export class ReviewConflictError extends Error {}

/**
 * An editor's decision: approving makes the question active at the origin, copies it to the
 * edge and purges caches; rejecting takes it out of both. Repeating a decision changes nothing.
 * Archived questions are left alone. Returns null when no question has the id.
 */
export async function reviewQuestion(
  deps: ReviewDeps,
  id: string,
  action: "approve" | "reject",
  reviewer: string,
): Promise<AdminQuestion | null> {
  const current = await getAdminQuestion(deps.origin, id);
  if (!current) return null;
  if (current.status === "archived") throw new ReviewConflictError("the question is archived");
  const status = action === "approve" ? "active" : "rejected";
  if (current.status === status) return current;
  const updated = await setReviewedStatus(deps.origin, id, status, reviewer);
  if (!updated) return null;
  const { validation: _validation, ...question } = updated;
  if (status === "active") await replaceOnEdge(deps.db, question);
  else await removeFromEdge(deps.db, id);
  await deps.purger.purgeQuestions([{ id, category: question.category }]);
  return updated;
}
