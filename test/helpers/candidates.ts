import type { Candidate, ValidateMessage } from "../../schemas/pipeline-messages.ts";
import type { AnswerKey, Choice, QuestionType } from "../../schemas/question.ts";
import { contentHash, questionIdFor } from "../../src/questions/content-hash.ts";

export interface CandidateDraft {
  text: string;
  type?: QuestionType;
  choices?: Choice[];
  answer?: AnswerKey;
  category?: string;
  nearDuplicateOf?: string | null;
  simhash?: string;
}

/** A candidate as the scrape step would send it; a single-choice question unless told otherwise. */
export async function candidate(draft: CandidateDraft): Promise<Candidate> {
  const q = {
    type: draft.type ?? ("single_choice" as const),
    text: draft.text,
    choices: draft.choices ?? [
      { id: "a", text: "Alpha" },
      { id: "b", text: "Beta" },
      { id: "c", text: "Gamma" },
    ],
    answer: draft.answer ?? ({ kind: "choices", correct: ["b"] } as const),
  };
  return {
    record: draft.text.slice(0, 40),
    id: await questionIdFor(q),
    ...q,
    explanation: "Because it is.",
    category: draft.category ?? "testing",
    tags: ["pipeline-test"],
    difficulty: null,
    language: "en",
    explanationMediaKeys: [],
    mediaKeys: [],
    contentHash: await contentHash(q),
    simhash: draft.simhash ?? "0",
    nearDuplicateOf: draft.nearDuplicateOf ?? null,
  };
}

export function validateMessage(
  runId: string,
  sourceId: string,
  batch: number,
  candidates: Candidate[],
): ValidateMessage {
  return { kind: "validate", runId, sourceId, batch, candidates };
}
