import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { expect, inject, it } from "vitest";
import type { AnswerStreamEvent } from "../../schemas/answer-events.ts";
import type { Question } from "../../schemas/question.ts";
import { levelToLogit } from "../../src/adaptive/item-difficulty.ts";
import { purgeTiming } from "../../src/cache/kv-purge.ts";
import { standardNormal as normal } from "../../src/calibration/calibration-simulation.ts";
import { successProbability } from "../../src/calibration/item-update.ts";
import { openOrigin } from "../../src/origin/client.ts";
import { prng as seededRandom } from "../../src/seed/draft.ts";
import worker from "../../workers/index.ts";
import { answerGraded, sessionFinished, sessionStarted } from "../helpers/answer-stream.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";

const SESSIONS = 500;
const LENGTH = 10;
const BATCH = 100;

/** Sessions of ten answers to questions of one category, by learners θ ~ N(0, 1) answering as 1PL predicts. */
function sessionEvents(bank: Question[], tag: string): AnswerStreamEvent[] {
  const random = seededRandom(2026);
  const byCategory = new Map<string, Question[]>();
  for (const q of bank) byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), q]);
  const categories = [...byCategory.keys()];
  const events: AnswerStreamEvent[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    const pool = byCategory.get(categories[s % categories.length] as string) as Question[];
    const ability = normal(random);
    const start = sessionStarted(`bench-${tag}-${s}`, { learnerId: `learner-${s % 200}`, category: pool[0]?.category });
    events.push(start);
    for (let i = 0; i < LENGTH; i++) {
      const q = pool[Math.floor(random() * pool.length)] as Question;
      const b = levelToLogit(q.difficulty);
      const correct = random() < successProbability(ability, b);
      events.push(
        answerGraded(q.id, {
          id: `bench-${tag}-${s}-${i}`,
          sessionId: start.sessionId,
          learnerId: start.learnerId,
          category: q.category,
          itemDifficulty: b,
          abilityBefore: ability,
          abilityAfter: ability,
          correct,
          score: correct ? 1 : 0,
        }),
      );
    }
    events.push(sessionFinished(start, { answered: LENGTH, correct: 0 }));
  }
  return events;
}

async function statements(reset = false): Promise<number> {
  const res = await fetch(inject("statementCounterUrl"), { method: reset ? "POST" : "GET" });
  return ((await res.json()) as { statements: number }).statements;
}

/** Delivers the events to the Worker's consumer in batches of 100, one at a time; times it and counts statements. */
async function consume(events: AnswerStreamEvent[], tag: string) {
  const answers = events.filter((e) => e.type === "answer.graded").length;
  await statements(true);
  const started = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = createMessageBatch(
      "edge-quiz-answers",
      events
        .slice(i, i + BATCH)
        .map((body, j) => ({ id: `m-${tag}-${i + j}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(batch.messages.length);
  }
  const ms = performance.now() - started;
  const counted = await statements();
  const [stored] = await openOrigin(env.ORIGIN).sql<{ n: number; published: number }[]>`
    SELECT (SELECT count(*) FROM answers WHERE id LIKE ${`bench-${tag}-%`})::integer AS n,
      (SELECT count(*) FROM questions WHERE calibrated_difficulty IS NOT NULL)::integer AS published`;
  expect(stored?.n).toBe(answers);
  return {
    answers,
    messages: events.length,
    batches: Math.ceil(events.length / BATCH),
    seconds: Math.round(ms) / 1000,
    answers_to_origin: Math.round((answers / ms) * 1000),
    origin_statements: counted,
    statements_per_1000_answers: Math.round((counted / answers) * 1000 * 10) / 10,
    calibrations_published: stored?.published ?? 0,
  };
}

it("answers_to_origin: the consumer's throughput and origin statements per 1,000 answers", async () => {
  // A purge repeats its KV deletes 3.5 s later in waitUntil; a sequential bench would wait for
  // that timer after every publishing batch (production runs batches concurrently), so it is 10 ms here as in the tests.
  purgeTiming.redeleteAfterMs = 10;
  const bank = await questionBank();
  await seedD1(env.DB, bank);
  // Answers spread over the whole bank (few questions reach the answers a calibration needs),
  // then concentrated on 100 questions, so calibrations are published through the write path too.
  const spread = await consume(sessionEvents(bank, "spread"), "spread");
  const hot = await consume(sessionEvents(bank.slice(0, 100), "hot"), "hot");
  const figures = {
    ...spread,
    concentrated: hot,
    note: "one consumer invocation at a time (the purge's delayed KV re-delete shortened to 10 ms), batches of 100 messages (answers plus session starts and finishes), embedded PGlite origin; statements counted on the wire (Query and Execute messages), calibration publishes included",
  };
  console.log(JSON.stringify(figures, null, 2));
  await fetch(`${inject("benchCollectorUrl")}answer_stream`, { method: "POST", body: JSON.stringify(figures) });
}, 900_000);
