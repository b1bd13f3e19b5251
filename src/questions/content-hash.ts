import type { AnswerKey, Choice, QuestionType } from "../../schemas/question.ts";

/** Folds case, Unicode form and whitespace so trivially different copies hash alike. */
export function normalizeForHash(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export interface HashableQuestion {
  type: QuestionType;
  text: string;
  choices: Choice[];
  answer: AnswerKey;
}

/**
 * SHA-256 (hex) of a question's meaning: type, normalized text, choice texts in a fixed
 * order and the correct answers by text, so re-ordered or re-lettered choices hash alike.
 */
export async function contentHash(q: HashableQuestion): Promise<string> {
  const byId = new Map(q.choices.map((c) => [c.id, normalizeForHash(c.text)]));
  const answer =
    q.answer.kind === "choices"
      ? q.answer.correct.map((id) => byId.get(id) ?? id).sort()
      : q.answer.kind === "text"
        ? q.answer.accepted.map(normalizeForHash).sort()
        : [q.answer.value, q.answer.tolerance];
  return sha256Hex(JSON.stringify([q.type, normalizeForHash(q.text), [...byId.values()].sort(), answer]));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Stable question id from what a learner already sees (type, text, choices), never from the
 * answer key: an id derived from the content hash would let a learner test candidate answers
 * by hashing them.
 */
export async function questionIdFor(q: Pick<HashableQuestion, "type" | "text" | "choices">): Promise<string> {
  const visible = JSON.stringify([
    q.type,
    normalizeForHash(q.text),
    q.choices.map((c) => normalizeForHash(c.text)).sort(),
  ]);
  return `q_${(await sha256Hex(visible)).slice(0, 16)}`;
}
