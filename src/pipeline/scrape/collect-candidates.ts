import type { Candidate } from "../../../schemas/pipeline-messages.ts";
import type { PipelineError } from "../../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../../schemas/scraper-source.ts";
import { detectLanguages } from "../normalize/detect-language.ts";
import { replacePluginfileImages } from "../parsers/media.ts";
import type { ParsedQuestion, ParseResult } from "../parsers/types.ts";
import { type MediaStore, mediaUrl } from "../store/media-store.ts";
import { buildCandidate, signatureText } from "./build-candidate.ts";
import { resolveMedia } from "./resolve-media.ts";
import type { Similarity } from "./similarity.ts";

export interface CollectDeps {
  media: MediaStore;
  /** MEDIA_MAX_BYTES. */
  mediaMaxBytes: number;
  similarity: Similarity;
}

export interface Collected {
  candidates: Candidate[];
  /** Records that failed: the parser's errors and questions the message schema refuses. */
  failed: number;
  errors: PipelineError[];
}

/** Record numbers as people count them: the parsers' indexes start at 0. */
const recordName = (index: number, title?: string | null) => (title ? `#${index + 1} ${title}` : `#${index + 1}`);

/**
 * Points `@@PLUGINFILE@@/name` images at the stored files; images of files that were not
 * stored keep their alt text. The text and choices may point only at their own media; the
 * explanation at its own and theirs.
 */
function withMediaUrls(
  q: ParsedQuestion,
  own: Map<string, string>,
  withExplanation: Map<string, string>,
): ParsedQuestion {
  if (withExplanation.size === 0 && q.media.length === 0 && q.explanationMedia.length === 0) return q;
  const rewriter = (byName: Map<string, string>) => (text: string) =>
    replacePluginfileImages(text, (name) => {
      const key = byName.get(name) ?? byName.get(name.split("/").pop() ?? "");
      return key ? mediaUrl(key) : null;
    });
  const rewrite = rewriter(own);
  return {
    ...q,
    text: rewrite(q.text),
    explanation: q.explanation === null ? null : rewriter(withExplanation)(q.explanation),
    choices: q.choices.map((c) => ({ ...c, text: rewrite(c.text) })),
  };
}

/**
 * A parsed document's questions as candidates: languages told from the wording (all of the
 * document's questions at once, so the source's sample informs each), media stored (and
 * referenced from the text), ids, hashes and signatures computed, each checked against the
 * message schema. Problems are reported per record, broken records first.
 */
export async function collectCandidates(
  parsed: ParseResult,
  source: ScraperSource,
  deps: CollectDeps,
): Promise<Collected> {
  const errors: PipelineError[] = parsed.errors.map((e) => ({
    stage: "parse",
    record: recordName(e.index),
    message: e.message,
  }));
  const skips: PipelineError[] = parsed.skipped.map((s) => ({
    stage: "skip",
    record: recordName(s.index, s.title),
    message: s.reason,
  }));
  const languages = detectLanguages(parsed.questions.map(signatureText));
  let failed = parsed.errors.length;
  const candidates: Candidate[] = [];
  for (const [i, question] of parsed.questions.entries()) {
    const record = question.sourceRef ?? `question ${i + 1}`;
    const mediaDeps = { store: deps.media, maxBytes: deps.mediaMaxBytes };
    const media = await resolveMedia(question.media, mediaDeps);
    const explanationMedia = await resolveMedia(question.explanationMedia, mediaDeps);
    for (const message of [...media.errors, ...explanationMedia.errors]) {
      errors.push({ stage: "media", record, message });
    }
    const byName = new Map([...explanationMedia.byName, ...media.byName]);
    const built = await buildCandidate(
      withMediaUrls(question, media.byName, byName),
      source,
      {
        record,
        detectedLanguage: languages[i] ?? null,
        mediaKeys: media.keys,
        explanationMediaKeys: explanationMedia.keys.filter((k) => !media.keys.includes(k)),
      },
      deps.similarity,
    );
    if ("error" in built) {
      failed++;
      errors.push({ stage: "parse", record, message: built.error });
    } else {
      candidates.push(built.candidate);
    }
  }
  // With the per-source cap, broken records are what an editor must see first.
  return { candidates, failed, errors: [...errors, ...skips] };
}
