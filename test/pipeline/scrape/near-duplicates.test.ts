import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signatureText } from "../../../src/pipeline/scrape/build-candidate.ts";
import { dedupe } from "../../../src/pipeline/scrape/dedupe.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { bandIndex } from "../../../src/pipeline/store/band-index.ts";
import { indexFingerprints } from "../../../src/pipeline/store/fingerprint-index.ts";
import { prng } from "../../../src/seed/draft.ts";
import { parse } from "../../helpers/parse-source.ts";
import { sharedFixtures, sourceFor } from "../../helpers/shared-fixtures.ts";

const fixtures = sharedFixtures();

interface Question {
  id: string;
  text: string;
  choices: { text: string }[];
}

/** Every fixture question once (by the wording its signature reads), with an id. */
async function distinctQuestions(): Promise<Question[]> {
  const byWording = new Map<string, Question>();
  for (const [path, bytes] of fixtures ?? []) {
    const { questions } = await parse(sourceFor(path), bytes);
    for (const q of questions) {
      const wording = signatureText(q).toLowerCase().replace(/\s+/g, " ").trim();
      if (!byWording.has(wording))
        byWording.set(wording, { id: `q${byWording.size}`, text: q.text, choices: q.choices });
    }
  }
  return [...byWording.values()];
}

/** The question with one word of its text replaced, inserted or deleted, picked by `rand`. */
function oneWordEdit(q: Question, rand: () => number, pool: string[]): Question {
  const words = q.text.split(/\s+/).filter(Boolean);
  const at = Math.floor(rand() * words.length);
  const other = pool[Math.floor(rand() * pool.length)] ?? "word";
  const op = words.length > 1 ? Math.floor(rand() * 3) : Math.floor(rand() * 2);
  if (op === 0) words[at] = other;
  else if (op === 1) words.splice(at, 0, other);
  else words.splice(at, 1);
  return { ...q, text: words.join(" ") };
}

/** An in-memory copy of the D1 band index: candidates only from shared band keys. */
function nearFinder(questions: Question[]) {
  const buckets = new Map<number, { id: string; signature: string }[]>();
  for (const q of questions) {
    const signature = similarity.signature(signatureText(q));
    for (const key of similarity.bandKeys(signature)) {
      const bucket = buckets.get(key) ?? [];
      bucket.push({ id: q.id, signature });
      buckets.set(key, bucket);
    }
  }
  /** Ids of indexed questions near `q` (other than `q` itself). */
  return (q: Question): Set<string> => {
    const signature = similarity.signature(signatureText(q));
    const near = new Set<string>();
    for (const key of similarity.bandKeys(signature)) {
      for (const other of buckets.get(key) ?? []) {
        if (other.id !== q.id && similarity.isNear(other.signature, signature)) near.add(other.id);
      }
    }
    return near;
  };
}

describe("near duplicates over the real fixtures", () => {
  it.skipIf(!fixtures)("finds one-word edits (recall ≥ 0.9) and few distinct questions (≤ 1 %)", async () => {
    const questions = await distinctQuestions();
    expect(questions.length).toBeGreaterThan(1000);
    const rand = prng(9);
    const pool = questions.flatMap((q) => q.text.split(/\s+/)).filter((w) => /^\p{L}+$/u.test(w));
    const nearOf = nearFinder(questions);

    let found = 0;
    for (const q of questions) if (nearOf({ ...oneWordEdit(q, rand, pool), id: `${q.id}-edit` }).has(q.id)) found++;
    const recall = found / questions.length;

    // Distinct questions flagged as near another one. Some are: "The LS7 engine is how many
    // cubic inches?" and "The LS3 engine …" differ by one word and share their choices.
    const flagged = questions.filter((q) => nearOf(q).size > 0).length;
    const falsePositiveRate = flagged / questions.length;
    console.info(
      `near duplicates: ${questions.length} distinct fixture questions, recall of one-word edits ` +
        `${recall.toFixed(3)}, distinct questions flagged ${(falsePositiveRate * 100).toFixed(2)} %, ` +
        `${similarity.bandKeys(similarity.signature("x")).length} band rows per question`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(falsePositiveRate).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!fixtures)("flags one-word edits against the D1 band index through dedupe", async () => {
    const sample = (await distinctQuestions()).slice(0, 300);
    const rand = prng(11);
    const pool = sample.flatMap((q) => q.text.split(/\s+/)).filter((w) => /^\p{L}+$/u.test(w));
    const entry = (q: Question, i: number) => {
      const simhash = similarity.signature(signatureText(q));
      return {
        id: q.id,
        questionId: q.id,
        // Hex, as content hashes are; distinct in the first 8 digits the band rows keep.
        contentHash: i.toString(16).padStart(8, "0").padEnd(64, "0"),
        simhash,
        bandKeys: similarity.bandKeys(simhash),
      };
    };
    const bands = bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`);
    await indexFingerprints(env.DB, bands, sample.map(entry), "now");

    const edits = sample.map((q, i) => ({ ...entry(oneWordEdit(q, rand, pool), i + sample.length), id: `e${i}` }));
    const { fresh } = await dedupe(env.DB, bands, edits, similarity);
    const found = fresh.filter((f, i) => f.nearDuplicateOf === sample[i]?.id).length;
    expect(found / sample.length).toBeGreaterThanOrEqual(0.9);
  });
});
