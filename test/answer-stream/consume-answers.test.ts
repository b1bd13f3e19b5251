import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnswerDeadLetter, AnswerGradedEvent } from "../../schemas/answer-events.ts";
import { levelToLogit } from "../../src/adaptive/item-difficulty.ts";
import { CALIBRATION_POLICY } from "../../src/calibration/calibration-policy.ts";
import { standardNormal as normal } from "../../src/calibration/calibration-simulation.ts";
import { initialState, successProbability, updateItem } from "../../src/calibration/item-update.ts";
import { openOrigin } from "../../src/origin/client.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { prng as seededRandom } from "../../src/seed/draft.ts";
import {
  answerGraded,
  deliverAnswers,
  recordingQueue,
  sessionFinished,
  sessionStarted,
} from "../helpers/answer-stream.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { originDownEnv, withEnv } from "../helpers/failures.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";

const origin = openOrigin(env.ORIGIN);

/** Fresh questions of a category of their own, stored through the write path. */
async function newQuestions(count: number, difficulty = 2): Promise<string[]> {
  const deps = writeDeps();
  const report = await upsertQuestions(
    deps,
    testQuestions(count).map((q) => ({ ...q, difficulty })),
  );
  await deps.settle();
  return report.results.map((r) => r.id);
}

async function answerRows(ids: string[]) {
  return origin.sql<{ id: string; n: number }[]>`
    SELECT id, count(*)::integer AS n FROM answers
    WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)) GROUP BY id`;
}

async function calibrationOf(questionId: string) {
  const [row] = await origin.sql<{ answers: number; estimate: number; variance: number }[]>`
    SELECT answers, estimate, variance FROM question_calibration WHERE question_id = ${questionId}`;
  return row;
}

function answersFor(questionId: string, count: number, tag = crypto.randomUUID()): AnswerGradedEvent[] {
  return Array.from({ length: count }, (_, i) => answerGraded(questionId, { id: `${tag}-${i}`, correct: i % 2 === 0 }));
}

beforeEach(resetIsolateCache);

beforeAll(async () => {
  // The migration made this month's partitions; the test must not depend on the cron.
  const [row] = await origin.sql<{ n: number }[]>`
    SELECT count(*)::integer AS n FROM pg_inherits WHERE inhparent = 'answers'::regclass`;
  expect(row?.n).toBeGreaterThanOrEqual(2);
});

describe("answers consumer", () => {
  it("writes sessions and answers, and a redelivered batch adds nothing (rows or calibration)", async () => {
    const [q] = await newQuestions(1);
    const start = sessionStarted(crypto.randomUUID());
    const answers = answersFor(q as string, 5);
    const finish = sessionFinished(start, { answered: 5, correct: 3 });
    const bodies = [start, ...answers, finish];
    const ids = bodies.map(() => `msg-${crypto.randomUUID()}`);

    const dlq = recordingQueue<AnswerDeadLetter>();
    const environment = withEnv({ ANSWERS_DEAD_LETTER_QUEUE: dlq });
    const first = await deliverAnswers(bodies, { ids, environment });
    expect(first.result.explicitAcks.length).toBe(bodies.length);
    const twice = await deliverAnswers(bodies, { ids, attempts: 2, environment });
    expect(twice.result.explicitAcks.length).toBe(bodies.length);
    expect(dlq.sent).toEqual([]);

    const rows = await answerRows(answers.map((a) => a.id));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [session] = await origin.sql<{ answered: number; correct: number; ended_at: string | null; n: number }[]>`
      SELECT answered, correct, ended_at, count(*) OVER ()::integer AS n FROM quiz_sessions WHERE id = ${start.sessionId}`;
    expect(session).toMatchObject({ answered: 5, correct: 3, n: 1 });
    expect(session?.ended_at).not.toBeNull();
    expect((await calibrationOf(q as string))?.answers).toBe(5);
  });

  it("completes a session whose finish arrives before its start, and a late start does not reopen it", async () => {
    const start = sessionStarted(crypto.randomUUID());
    await deliverAnswers([sessionFinished(start, { answered: 2 })]);
    await deliverAnswers([start]);
    const rows = await origin.sql<{ answered: number | null; ended_at: string | null }[]>`
      SELECT answered, ended_at FROM quiz_sessions WHERE id = ${start.sessionId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answered).toBe(2);
    expect(rows[0]?.ended_at).not.toBeNull();
  });

  it("retries every message with growing backoff while the origin is down, then writes them once", async () => {
    const [q] = await newQuestions(1);
    const answers = answersFor(q as string, 20);
    const ids = answers.map(() => `msg-${crypto.randomUUID()}`);
    for (const attempts of [1, 2, 3]) {
      const down = await deliverAnswers(answers, { ids, attempts, environment: originDownEnv() });
      expect(down.result.explicitAcks).toEqual([]);
      expect(down.result.retryMessages).toHaveLength(20);
      const base = 2 * 2 ** (attempts - 1);
      expect(down.delays.every((d) => d !== undefined && d >= base && d <= base * 1.25)).toBe(true);
    }
    expect(await answerRows(answers.map((a) => a.id))).toHaveLength(0);
    const up = await deliverAnswers(answers, { ids, attempts: 4 });
    expect(up.result.explicitAcks).toHaveLength(20);
    const rows = await answerRows(answers.map((a) => a.id));
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it("dead-letters an unreadable message and one the origin refuses, and writes the rest", async () => {
    const [q] = await newQuestions(1);
    const good = answersFor(q as string, 3);
    // Postgres refuses NUL characters in text: no retry can ever store this one.
    const refused = answerGraded(q as string, { id: crypto.randomUUID(), response: { text: "nul \u0000 here" } });
    const dlq = recordingQueue<AnswerDeadLetter>();
    const environment = withEnv({ ANSWERS_DEAD_LETTER_QUEUE: dlq });
    const { result } = await deliverAnswers([...good, { type: "answer.graded", id: 5 }, refused], { environment });

    expect(result.explicitAcks).toHaveLength(5);
    expect(result.retryMessages).toEqual([]);
    expect(await answerRows(good.map((a) => a.id))).toHaveLength(3);
    expect(await answerRows([refused.id])).toHaveLength(0);
    expect(dlq.sent.map((d) => d.reason)).toEqual([
      expect.stringContaining("not a valid answer-stream event"),
      expect.stringContaining("the origin refused it"),
    ]);
  });

  it("re-estimates difficulty in the write statement exactly as the pure update does", async () => {
    const [q] = await newQuestions(1, 4);
    const random = seededRandom(3);
    const answers = Array.from({ length: 12 }, (_, i) =>
      answerGraded(q as string, {
        id: `${q}-exact-${i}`,
        itemDifficulty: levelToLogit(4),
        abilityBefore: normal(random),
        correct: i % 3 === 0,
      }),
    );
    await deliverAnswers(answers);
    const expected = updateItem(
      initialState(levelToLogit(4)),
      answers.map((a) => ({ ability: a.abilityBefore, correct: a.correct })),
    );
    const stored = await calibrationOf(q as string);
    expect(stored?.answers).toBe(12);
    expect(stored?.estimate).toBeCloseTo(expected.estimate, 9);
    expect(stored?.variance).toBeCloseTo(expected.variance, 9);
  });

  it("moves a question imported as difficulty 1 but answered like a hard one to a hard estimate, and publishes it", async () => {
    const [q] = await newQuestions(1, 1);
    const random = seededRandom(17);
    const truth = 2;
    let published: number | null = null;
    for (let round = 0; round < 10; round++) {
      // Learners are served what the question record says: the prior until it is calibrated.
      const itemDifficulty = published ?? levelToLogit(1);
      const batch = Array.from({ length: 20 }, (_, i) => {
        const ability = normal(random);
        return answerGraded(q as string, {
          id: `${q}-hard-${round}-${i}`,
          itemDifficulty,
          abilityBefore: ability,
          correct: random() < successProbability(ability, truth),
        });
      });
      await deliverAnswers(batch);
      const [row] = await origin.sql<{ calibrated_difficulty: number | null }[]>`
        SELECT calibrated_difficulty FROM questions WHERE id = ${q as string}`;
      published = row?.calibrated_difficulty ?? null;
      if (round === 0) expect(published).toBeNull(); // 20 answers: still served as uncalibrated
    }
    const state = await calibrationOf(q as string);
    expect(state?.answers).toBe(200);
    expect(state?.estimate).toBeGreaterThan(1.3);
    expect(published).not.toBeNull();
    expect(Math.abs((published as number) - (state?.estimate as number))).toBeLessThanOrEqual(
      CALIBRATION_POLICY.publishDelta,
    );
    // The edge copy has it too (the engine reads questions through the edge tiers).
    const edge = await env.DB.prepare("SELECT calibrated_difficulty AS d FROM questions WHERE id = ?1")
      .bind(q as string)
      .first<{ d: number }>();
    expect(edge?.d).toBeCloseTo(published as number, 5);
  }, 90_000);
});
