import { describe, expect, it } from "vitest";
import type { Candidate } from "../../../schemas/pipeline-messages.ts";
import type { Choice } from "../../../schemas/question.ts";
import { FIXED_ORDER_TAG, orderIsMeaningful, shuffleChoices } from "../../../src/pipeline/normalize/shuffle-choices.ts";
import { buildCandidate, NO_MEDIA } from "../../../src/pipeline/scrape/build-candidate.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { parse, sourceOf } from "../../helpers/parse-source.ts";
import { sharedFixtures, sourceFor } from "../../helpers/shared-fixtures.ts";

const fixtures = sharedFixtures();

/** Position of the first correct choice and the number of choices, per question. */
type Observation = { position: number; k: number };

/**
 * Pearson's chi-square of key positions against "every position equally likely", summed over
 * groups of questions with the same number of choices (groups too small for the test, under 5
 * expected per position, are left out), and the critical value at α = 0.001 for its degrees of
 * freedom (Wilson–Hilferty).
 */
function chiSquare(observations: Observation[]): { statistic: number; critical: number; n: number } {
  const byK = new Map<number, number[]>();
  for (const { position, k } of observations) {
    const counts = byK.get(k) ?? new Array<number>(k).fill(0);
    counts[position] = (counts[position] ?? 0) + 1;
    byK.set(k, counts);
  }
  let statistic = 0;
  let df = 0;
  let n = 0;
  for (const [k, counts] of byK) {
    const total = counts.reduce((a, b) => a + b, 0);
    const expected = total / k;
    if (expected < 5) continue;
    n += total;
    df += k - 1;
    for (const c of counts) statistic += (c - expected) ** 2 / expected;
  }
  const z = 3.09;
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical, n };
}

function keyPosition(c: Pick<Candidate, "choices" | "answer">): Observation | null {
  if (c.answer.kind !== "choices" || c.choices.length < 2) return null;
  const first = c.answer.correct[0];
  return { position: c.choices.findIndex((ch) => ch.id === first), k: c.choices.length };
}

async function candidates(path: string, bytes: Uint8Array): Promise<Candidate[]> {
  const source = sourceFor(path);
  const outcome = await parse(source, bytes);
  const out: Candidate[] = [];
  for (const q of outcome.questions) {
    const built = await buildCandidate(q, source, NO_MEDIA, similarity);
    if ("candidate" in built) out.push(built.candidate);
  }
  return out;
}

describe("choice order", () => {
  it.skipIf(!fixtures)("puts the key at a uniform position over every multi-choice fixture question", async () => {
    const observations: Observation[] = [];
    for (const [path, bytes] of fixtures ?? []) {
      for (const c of await candidates(path, bytes)) {
        if (c.tags.includes(FIXED_ORDER_TAG)) continue;
        const o = keyPosition(c);
        if (o && (c.type === "single_choice" || c.type === "multiple_choice")) observations.push(o);
      }
    }
    const { statistic, critical, n } = chiSquare(observations);
    expect(n).toBeGreaterThanOrEqual(200);
    expect(statistic).toBeLessThan(critical);
  });

  it("spreads keys an author always wrote first, and a test of this size sees the difference", async () => {
    const source = sourceOf("aiken", {});
    const text = Array.from(
      { length: 400 },
      (_, i) =>
        `What is item ${i} of the list?\nA. answer ${i}\nB. other ${i}\nC. third ${i}\nD. fourth ${i}\nANSWER: A\n`,
    ).join("\n");
    const outcome = await parse(source, text);
    const unshuffled = outcome.questions.map(keyPosition).filter((o) => o !== null);
    expect(chiSquare(unshuffled).statistic).toBeGreaterThan(chiSquare(unshuffled).critical);
    const built = await Promise.all(outcome.questions.map((q) => buildCandidate(q, source, NO_MEDIA, similarity)));
    const shuffled = built
      .flatMap((b) => ("candidate" in b ? [keyPosition(b.candidate)] : []))
      .filter((o) => o !== null);
    expect(shuffled).toHaveLength(400);
    const { statistic, critical } = chiSquare(shuffled);
    expect(statistic).toBeLessThan(critical);
  });

  it("is deterministic and idempotent, and keeps the key on the same text", () => {
    const choices: Choice[] = ["Paris", "Lyon", "Nice", "Lille"].map((text, i) => ({ id: "abcd"[i] ?? "", text }));
    const once = shuffleChoices("q_1", choices, { kind: "choices", correct: ["a"] });
    expect(shuffleChoices("q_1", choices, { kind: "choices", correct: ["a"] })).toEqual(once);
    expect(shuffleChoices("q_1", once.choices, once.answer)).toEqual(once);
    expect(once.choices.map((c) => c.id)).toEqual(["a", "b", "c", "d"]);
    const key = once.answer.kind === "choices" ? once.answer.correct : [];
    expect(once.choices.filter((c) => key.includes(c.id)).map((c) => c.text)).toEqual(["Paris"]);
    // Other ids give other orders.
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => shuffleChoices(`q_${i}`, choices, { kind: "choices", correct: ["a"] })).map(
        (s) => s.choices.map((c) => c.text).join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });

  it("keeps and marks choices whose order means something", async () => {
    const texts = (t: string[]) => t.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
    expect(orderIsMeaningful(texts(["Red", "Blue", "All of the above"]))).toBe(true);
    expect(orderIsMeaningful(texts(["1", "2", "None of these"]))).toBe(true);
    expect(orderIsMeaningful(texts(["Only 1 and 2", "1", "2"]))).toBe(true);
    expect(orderIsMeaningful(texts(["0-10", "11-20", "21–30", "more than 30"]))).toBe(true);
    expect(orderIsMeaningful(texts(["1 to 5 years", "6 to 10 years", "over 10"]))).toBe(true);
    expect(orderIsMeaningful(texts(["Red", "Blue", "Green"]))).toBe(false);
    expect(orderIsMeaningful(texts(["3", "5", "7"]))).toBe(false);
    expect(orderIsMeaningful(texts(["Overall", "Belowground", "Thesenator"]))).toBe(false);

    const source = sourceOf("aiken", {});
    const outcome = await parse(
      source,
      "Which are primary colours?\nA. Red\nB. Blue\nC. Green\nD. All of the above\nANSWER: D\n",
    );
    const built = await buildCandidate(
      outcome.questions[0] as (typeof outcome.questions)[0],
      source,
      NO_MEDIA,
      similarity,
    );
    if (!("candidate" in built)) throw new Error(built.error);
    expect(built.candidate.choices.map((c) => c.text)).toEqual(["Red", "Blue", "Green", "All of the above"]);
    expect(built.candidate.answer).toEqual({ kind: "choices", correct: ["d"] });
    expect(built.candidate.tags).toContain(FIXED_ORDER_TAG);
  });
});
