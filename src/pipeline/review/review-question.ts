import type { AdminQuestion } from "../../../schemas/admin-question.ts";
import { setQuestionStatus } from "../../questions/question-updates.ts";
import { repropagate, type WriteDeps } from "../../questions/write-through.ts";
import { getAdminQuestion, markReviewed } from "./review-store.ts";

export class ReviewConflictError extends Error {}

/**
 * An editor's decision, through the questions write path: the origin's status changes
 * (version + 1), the edge copy follows and every cache tier is purged, so an approved question
 * reaches learners and a rejected one leaves them. The validation record notes who decided.
 * Repeating a decision changes nothing but the purge; archived questions are left alone. Null when no
 * question has the id.
 */
export async function reviewQuestion(
  deps: WriteDeps,
  id: string,
  action: "approve" | "reject",
  reviewer: string,
): Promise<AdminQuestion | null> {
  const current = await getAdminQuestion(deps.origin, id);
  if (!current) return null;
  if (current.status === "archived") throw new ReviewConflictError("the question is archived");
  const status = action === "approve" ? "active" : "rejected";
  // Already decided: purge again anyway, since the first attempt's purge may have failed.
  if (current.status === status) {
    await repropagate(deps, [id]);
    return current;
  }
  const { updated } = await setQuestionStatus(deps, [id], status);
  if (updated.length > 0) await markReviewed(deps.origin, id, reviewer);
  return getAdminQuestion(deps.origin, id);
}
