import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AnswerDeadLetter } from "../../schemas/answer-events.ts";
import { maintainAnswerStream, maintenanceDue } from "../../src/answer-stream/maintenance.ts";
import { openOrigin } from "../../src/origin/client.ts";
import {
  answerGraded,
  deliverAnswers,
  recordingQueue,
  sessionFinished,
  sessionStarted,
} from "../helpers/answer-stream.ts";
import { api } from "../helpers/http.ts";
import { writeDeps } from "../helpers/questions.ts";
import { bearer, EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

const origin = openOrigin(env.ORIGIN);

function monthName(table: string, monthsAhead: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  return `${table}_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

async function partitionOf(id: string): Promise<string | undefined> {
  const [row] = await origin.sql<{ p: string }[]>`SELECT tableoid::regclass::text AS p FROM answers WHERE id = ${id}`;
  return row?.p;
}

describe("answer stream maintenance", () => {
  it("runs on every fifth minute of the cron", () => {
    expect(maintenanceDue(Date.parse("2026-03-01T06:05:00Z"))).toBe(true);
    expect(maintenanceDue(Date.parse("2026-03-01T06:06:00Z"))).toBe(false);
  });

  it("keeps monthly partitions ahead, moving rows that landed in the default partition", async () => {
    // Six months ahead has no partition yet (the cron keeps three): the row lands in the default one.
    const later = new Date();
    later.setUTCMonth(later.getUTCMonth() + 6, 15);
    const id = `far-${crypto.randomUUID()}`;
    await deliverAnswers([answerGraded("q_far", { id, answeredAt: later.toISOString() })]);
    expect(await partitionOf(id)).toBe("answers_default");

    await origin.sql`SELECT ensure_month_partitions('answers', 'answered_at', 6)`;
    expect(await partitionOf(id)).toBe(monthName("answers", 6));
    const names = await origin.sql<{ p: string }[]>`
      SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'quiz_sessions'::regclass`;
    const deps = writeDeps();
    await maintainAnswerStream(deps);
    await deps.settle();
    const after = await origin.sql<{ p: string }[]>`
      SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = 'quiz_sessions'::regclass`;
    expect(after.map((r) => r.p)).toEqual(
      expect.arrayContaining([0, 1, 2, 3].map((m) => monthName("quiz_sessions", m))),
    );
    expect(after.length).toBeGreaterThanOrEqual(names.length);
  });

  it("refreshes user_stats: sessions, mean score and the best streak of a learner", async () => {
    const learner = `stats-${crypto.randomUUID()}`;
    const start = sessionStarted(crypto.randomUUID(), { learnerId: learner });
    const pattern = [true, true, false, true, true, true, false];
    const answers = pattern.map((correct, i) =>
      answerGraded("q_stats", {
        id: `${start.sessionId}-${i}`,
        sessionId: start.sessionId,
        learnerId: learner,
        correct,
        score: correct ? 1 : 0,
        answeredAt: new Date(Date.now() - 50_000 + i * 1000).toISOString(),
      }),
    );
    await deliverAnswers([start, ...answers, sessionFinished(start, { learnerId: learner })]);
    const deps = writeDeps();
    await maintainAnswerStream(deps);
    await deps.settle();
    const [row] = await origin.sql<
      { total_sessions: number; total_answers: number; average_score: number; best_streak: number }[]
    >`
      SELECT total_sessions, total_answers, average_score, best_streak FROM user_stats WHERE user_id = ${learner}`;
    expect(row).toEqual({ total_sessions: 1, total_answers: 7, average_score: 5 / 7, best_streak: 3 });
  });
});

describe("answer dead letters", () => {
  it("are recorded from the dead-letter queue, listed for admins and replayed into the stream", async () => {
    const event = answerGraded("q_dead", { id: `dead-${crypto.randomUUID()}` });
    const poison: AnswerDeadLetter = {
      kind: "answer-poison",
      reason: "not a valid answer-stream event",
      body: { x: 1 },
    };
    const dlq = "edge-quiz-answers-dlq";
    await deliverAnswers([poison, event], { queue: dlq, attempts: 100 });

    const viewer = bearer(VIEWER_TOKEN);
    const res = await api("/api/admin/answers/dead-letters?limit=100", { headers: viewer });
    expect(res.status).toBe(200);
    const list = (await res.json()) as {
      total: number;
      pending: number;
      items: { kind: string; eventId: string | null }[];
    };
    expect(list.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "poison", eventId: null }),
        expect.objectContaining({ kind: "undelivered", eventId: event.id }),
      ]),
    );
    expect(list.pending).toBeGreaterThanOrEqual(1);

    expect((await api("/api/admin/answers/dead-letters/replay", { method: "POST", headers: viewer })).status).toBe(403);
    const queue = recordingQueue<unknown>();
    const replay = await api("/api/admin/answers/dead-letters/replay", {
      method: "POST",
      headers: bearer(EDITOR_TOKEN),
      env: { ...env, ANSWERS_QUEUE: queue },
    });
    expect(replay.status).toBe(200);
    expect(queue.sent).toContainEqual(event);
    expect(queue.sent).not.toContainEqual(poison.body);
    const again = (await (await api("/api/admin/answers/dead-letters?limit=100", { headers: viewer })).json()) as {
      pending: number;
    };
    expect(again.pending).toBe(0);
  });
});
