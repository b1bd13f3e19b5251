import { type PublicQuestion, type Question, toPublicQuestion } from "../../schemas/question.ts";

export interface PublicView {
  question: PublicQuestion;
  /** The serialized payload, as `c.json` would send it. */
  body: string;
  /** Strong validator over `body`. */
  etag: string;
}

// Cached questions are shared objects, so a memory hit reuses the view instead of hashing again.
const views = new WeakMap<Question, PublicView>();

/** A strong ETag: SHA-256 of the bytes, so it changes exactly when the payload does. */
export async function strongEtag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

/** The learner view of a question and its ETag (the body `c.json` will send). */
export async function publicView(q: Question): Promise<PublicView> {
  const known = views.get(q);
  if (known) return known;
  const question = toPublicQuestion(q);
  const body = JSON.stringify(question);
  const view = { question, body, etag: await strongEtag(body) };
  views.set(q, view);
  return view;
}

/** Whether `If-None-Match` names the current representation (weak comparison, as RFC 9110 asks). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === bare);
}

const bodyEtags = new WeakMap<object, string>();

/** The ETag of a JSON body, remembered per (cached, shared) object. */
export async function memoEtag(body: object): Promise<string> {
  const known = bodyEtags.get(body);
  if (known) return known;
  const etag = await strongEtag(JSON.stringify(body));
  bodyEtags.set(body, etag);
  return etag;
}
