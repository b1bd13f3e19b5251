import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Question } from "../../schemas/question.ts";
import type { AnswerResult, SessionState } from "../../schemas/session-api.ts";
import { adaptiveSettings } from "../../src/adaptive/settings.ts";
import { loadSettings } from "../../src/config/read-config.ts";
import { ANONYMOUS_RETENTION_MS } from "../../src/sessions/expire-anonymous.ts";
import { anonymousObjectName, learnerObject } from "../../src/sessions/learner-stub.ts";
import { newSessionId, sessionLocationHint } from "../../src/sessions/session-id.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { answerTo, submitAnswer } from "../helpers/sessions.ts";

let byId: Map<string, Question>;
/** A category of two questions of one level, so a session's first pick is either at random. */
const PAIR = "anonymous-pair";

beforeAll(async () => {
  const bank = await questionBank();
  const pair = bank
    .filter((q) => q.type === "single_choice" && q.difficulty === 3)
    .slice(0, 2)
    .map((q, i) => ({ ...q, id: `q_pair${i}${q.id.slice(2, 14)}`, category: PAIR }));
  await seedD1(env.DB, [...bank, ...pair]);
  byId = new Map([...bank, ...pair].map((q) => [q.id, q]));
});

/** An id of the shared object `shard` (two hex digits) with no location hint; the rest random. */
function idIn(shard: string): string {
  return `s_0${shard}${newSessionId().slice(5)}`;
}

/** Starts an anonymous session with a chosen id, as the start service does (RPC to its object). */
async function startWithId(sessionId: string, category = "geography", length = 10): Promise<SessionState> {
  const { settings } = await loadSettings(env.CONFIG_KV);
  const reply = await learnerObject(env.LEARNER, null, sessionId).startSession({
    sessionId,
    learnerId: null,
    settings: adaptiveSettings(settings),
    category,
    language: null,
    length,
    mode: "adaptive",
    engine: "irt",
  });
  if (!reply.ok) throw new Error(`start refused: ${reply.problem.detail}`);
  expect(reply.status).toBe(201);
  return JSON.parse(reply.body) as SessionState;
}

describe("anonymous sessions in shared objects", () => {
  it("names the object by the id's hint and digits, so sessions with those digits share it", () => {
    const a = idIn("ab");
    expect(anonymousObjectName(a)).toBe("anonymous:any:ab");
    expect(anonymousObjectName(idIn("ab"))).toBe(anonymousObjectName(a));
    expect(anonymousObjectName(idIn("cd"))).not.toBe(anonymousObjectName(a));
    const hinted = newSessionId("apac");
    expect(sessionLocationHint(hinted)).toBe("apac");
    expect(anonymousObjectName(hinted)).toMatch(/^anonymous:apac:[0-9a-f]{2}$/);
  });

  it("keeps each session to itself: another's answers move neither its ability nor its history", async () => {
    const first = await startWithId(idIn("ab"));
    let question = first.question;
    let answered = 0;
    for (let i = 0; question && i < 6; i++) {
      const q = byId.get(question.id) as Question;
      const res = await submitAnswer(first.id, { questionId: q.id, answer: answerTo(q, true) }, `k-${i}`);
      expect(res.status).toBe(200);
      const result = (await res.json()) as AnswerResult;
      question = result.next;
      answered++;
    }
    const ahead = (await (await api(`/api/sessions/${first.id}`)).json()) as SessionState;
    expect(ahead.position).toBe(answered);
    expect(ahead.ability.theta).toBeGreaterThan(first.ability.theta);

    // A second session in the same object starts where a session in an empty object starts.
    const neighbour = await startWithId(idIn("ab"));
    const alone = await startWithId(idIn("cd"));
    expect(neighbour.ability).toEqual(alone.ability);
    expect(neighbour.difficulty).toEqual(alone.difficulty);
    expect(neighbour.ability).toEqual(first.ability);
    // Its summary counts its own answers only.
    const summary = await api(`/api/sessions/${neighbour.id}/finish`, { method: "POST" });
    expect(((await summary.json()) as { answered: number }).answered).toBe(0);
  });

  it("does not skip a question another session of the object answered (that is not this player's history)", async () => {
    const first = await startWithId(idIn("ef"), PAIR, 1);
    const asked = first.question as NonNullable<SessionState["question"]>;
    const q = byId.get(asked.id) as Question;
    expect((await submitAnswer(first.id, { questionId: q.id, answer: answerTo(q, true) }, "k")).status).toBe(200);
    // Each later session draws between the two at random; skipping the answered one would never draw it.
    const firsts = new Set<string>();
    for (let i = 0; i < 20; i++) firsts.add(((await startWithId(idIn("ef"), PAIR, 1)).question as { id: string }).id);
    expect(firsts).toContain(asked.id);
  });
});

describe("anonymous sessions' retention", () => {
  afterEach(() => vi.useRealTimers());

  it("deletes an anonymous session with its answers once its retention is over, and keeps newer ones", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const old = await startWithId(idIn("9a"));
    const q = byId.get((old.question as { id: string }).id) as Question;
    expect((await submitAnswer(old.id, { questionId: q.id, answer: answerTo(q, true) }, "k")).status).toBe(200);
    vi.setSystemTime(start + ANONYMOUS_RETENTION_MS - 60_000);
    const recent = await startWithId(idIn("9a"));
    const object = env.LEARNER.get(env.LEARNER.idFromName(anonymousObjectName(old.id)));
    const alarmAt = await runInDurableObject(object, (_i, state) => state.storage.getAlarm());
    expect(alarmAt).not.toBeNull();

    vi.setSystemTime(start + ANONYMOUS_RETENTION_MS + 1);
    expect((await api(`/api/sessions/${old.id}`)).status).toBe(200); // due, not yet expired
    expect(await runDurableObjectAlarm(object)).toBe(true);
    expect((await api(`/api/sessions/${old.id}`)).status).toBe(404);
    expect((await api(`/api/sessions/${recent.id}`)).status).toBe(200);
    const left = await runInDurableObject(object, async (_i, state) => ({
      answers: state.storage.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM answers WHERE session_id = ?", old.id)
        .one().n,
      keys: state.storage.sql
        .exec<{ n: number }>("SELECT count(*) AS n FROM idempotency_keys WHERE session_id = ?", old.id)
        .one().n,
      next: await state.storage.getAlarm(),
    }));
    const plan = await runInDurableObject(object, (_i, state) =>
      state.storage.sql
        .exec<{ detail: string }>(
          "EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE learner_id IS NULL AND started_at < ?",
          Date.now(),
        )
        .toArray()
        .map((r) => r.detail)
        .join("; "),
    );
    expect(plan).toContain("sessions_anonymous_started_idx");
    expect(left.answers).toBe(0);
    expect(left.keys).toBe(0);
    // The next expiry is set for the session that stays.
    expect(left.next).toBeGreaterThan(Date.now());
  });
});
