import { Candidate } from "../../../schemas/pipeline-messages.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { contentHash, questionIdFor } from "../../questions/content-hash.ts";
import { FIXED_ORDER_TAG, shuffleChoices } from "../normalize/shuffle-choices.ts";
import type { ParsedQuestion } from "../parsers/types.ts";
import type { Similarity } from "./similarity.ts";

/** Category of questions whose source and record name none. */
export const DEFAULT_CATEGORY = "general";

/** BCP 47's code for a language that cannot be told (too little text, no source setting). */
export const UNDETERMINED_LANGUAGE = "und";

/** The stored media of a question: public (text and choices) and the explanation's. */
export interface CandidateMedia {
  mediaKeys: string[];
  explanationMediaKeys: string[];
}

export const NO_MEDIA: CandidateMedia = { mediaKeys: [], explanationMediaKeys: [] };

/** What the scrape step knows of a parsed question besides the question itself. */
export interface CandidateContext extends CandidateMedia {
  /** Where it is in the source, for reports; its own name there when absent. */
  record?: string;
  /** Read from the wording of the document's questions; the source's own setting wins. */
  detectedLanguage?: string | null;
}

/** What the near-duplicate signature reads: the wording a learner sees. */
export function signatureText(q: { text: string; choices: { text: string }[] }): string {
  return [q.text, ...q.choices.map((c) => c.text)].join("\n");
}

/**
 * A parsed question with its id, content hash, signature and defaults, checked against the
 * message schema; the error lists what breaks it.
 */
export async function buildCandidate(
  parsed: ParsedQuestion,
  source: ScraperSource,
  context: CandidateContext,
  similarity: Similarity,
): Promise<{ candidate: Candidate } | { error: string }> {
  const id = await questionIdFor(parsed);
  // Lettered anew in an order seeded from the id, so the key's position gives nothing away.
  // True/false choices are named "true" and "false", not lettered: nothing to hide there.
  const { choices, answer, fixedOrder } =
    parsed.type === "single_choice" || parsed.type === "multiple_choice"
      ? shuffleChoices(id, parsed.choices, parsed.answer)
      : { choices: parsed.choices, answer: parsed.answer, fixedOrder: false };
  const tags = [...new Set(parsed.tags.map((t) => t.trim().slice(0, 50)).filter(Boolean))].slice(
    0,
    fixedOrder ? 29 : 30,
  );
  const draft = {
    record: (context.record ?? parsed.sourceRef ?? "question").slice(0, 200),
    id,
    type: parsed.type,
    text: parsed.text,
    choices,
    answer,
    explanation: parsed.explanation || null,
    category: (parsed.category || source.category || DEFAULT_CATEGORY).slice(0, 100),
    tags: fixedOrder ? [...tags, FIXED_ORDER_TAG] : tags,
    difficulty: parsed.difficulty,
    language: source.language ?? context.detectedLanguage ?? UNDETERMINED_LANGUAGE,
    mediaKeys: context.mediaKeys.slice(0, 20),
    explanationMediaKeys: context.explanationMediaKeys.slice(0, 20),
    contentHash: await contentHash(parsed),
    simhash: similarity.signature(signatureText(parsed)),
    nearDuplicateOf: null,
  };
  const checked = Candidate.safeParse(draft);
  if (checked.success) return { candidate: checked.data };
  const issues = checked.error.issues.map((i) => `${i.path.join(".") || "(question)"}: ${i.message}`);
  return { error: issues.slice(0, 3).join("; ") };
}
