import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { boardSendsInFlight } from "../../src/leaderboards/board-outbox.ts";
import { boardMember } from "../../src/leaderboards/display-name.ts";
import { boardKey } from "../../src/leaderboards/periods.ts";
import { scorePoints } from "../../src/leaderboards/score-encoding.ts";
import { redisClient } from "../../src/redis/upstash-client.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { playSession } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

const redis = () => redisClient(env, { timeoutMs: 5000 }) as NonNullable<ReturnType<typeof redisClient>>;
const objectOf = (learnerId: string) => env.LEARNER.get(env.LEARNER.idFromName(`user:${learnerId}`));

/**
 * Takes Redis away from (or gives it back to) the requests that carry `match` (the bridge's
 * fault injection); `replyLost`: Redis carries them out and only the reply is lost.
 */
async function redisDownFor(match: string, down: boolean, replyLost = false): Promise<void> {
  const res = await fetch(`${inject("redisRestUrl")}/__faults`, {
    method: "POST",
    headers: { authorization: `Bearer ${inject("redisRestToken")}`, "content-type": "application/json" },
    body: JSON.stringify({ match, down, replyLost }),
  });
  expect(res.status).toBe(200);
  await res.body?.cancel();
}

/** Plays a session of `pattern.length` answers (true: right) as a named learner; returns the points earned. */
async function play(learnerId: string, topic: string, pattern: boolean[]): Promise<number> {
  const auth = bearer(await learnerToken(learnerId, { metadata: { full_name: `Player ${learnerId.slice(0, 4)}` } }));
  return (await playSession(byId, auth, { topic, length: pattern.length }, pattern)).points;
}

type Outbox = { rows: number; claimed: number; attempts: number };
const outbox = (learnerId: string) =>
  runInDurableObject(objectOf(learnerId), async (_instance, state): Promise<Outbox> => {
    const stored = state.storage.sql
      .exec<Omit<Outbox, "claimed">>(
        "SELECT count(*) AS rows, coalesce(max(attempts), 0) AS attempts FROM board_outbox",
      )
      .one();
    return { ...stored, claimed: boardSendsInFlight(state.storage) };
  });

/** Waits (bounded) for the learner's object to settle its sends; no timing is asserted. */
async function settled(learnerId: string, done: (o: Outbox) => boolean): Promise<Outbox> {
  for (let i = 0; i < 100; i++) {
    const state = await outbox(learnerId);
    if (done(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the outbox of ${learnerId} did not settle`);
}

async function boardPoints(learnerId: string, key: string): Promise<number | null> {
  const score = await redis().zscore(key, await boardMember(learnerId));
  return score === null ? null : scorePoints(Number(score));
}

describe("leaderboard writes from answers (the learner object's outbox, sent after the commit)", () => {
  it("ranks three learners with different scores, with the right `me` for each, from their answers", async () => {
    const topic = "chemistry";
    const ids = ["first", "second", "third"].map((n) => `${n}-${crypto.randomUUID()}`) as [string, string, string];
    // The first of each run of answers is wrong, so all three stay on the same difficulty path.
    const earned = [
      await play(ids[0], topic, [false, true, true, true, true]),
      await play(ids[1], topic, [false, true, true, true, false]),
      await play(ids[2], topic, [false, true, false, false, false]),
    ];
    expect(new Set(earned).size).toBe(3);
    for (const id of ids) await settled(id, (o) => o.rows === 0);
    const key = boardKey("daily", Date.now(), "chemistry");
    for (const [i, id] of ids.entries()) expect(await boardPoints(id, key)).toBe(earned[i]);
    const order = [...ids].sort((a, b) => (earned[ids.indexOf(b)] ?? 0) - (earned[ids.indexOf(a)] ?? 0));

    for (const id of ids) {
      const res = await api("/api/leaderboards/daily?category=chemistry&limit=100", {
        headers: bearer(await learnerToken(id)),
      });
      const body = (await res.json()) as { me: { rank: number; points: number } };
      expect(body.me.points).toBe(earned[ids.indexOf(id)]);
      // Other tests score in chemistry too: only the relative order of these three is fixed.
      const ranks = await Promise.all(
        order.map(async (l) => (await redis().zrevrank(key, await boardMember(l))) as number),
      );
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(body.me.rank).toBe((ranks[order.indexOf(id)] as number) + 1);
    }
    // The keys are in Redis with their expiry: daily, weekly, all-time, overall and per category.
    for (const period of ["daily", "weekly", "all-time"] as const) {
      for (const category of [null, "chemistry"]) {
        expect(await redis().zscore(boardKey(period, Date.now(), category), await boardMember(ids[0]))).not.toBeNull();
      }
    }
    expect(await redis().ttl(boardKey("weekly", Date.now()))).toBeGreaterThan(0);
  });

  it("loses nothing while Redis is down: answers succeed, increments wait in the object and the alarm sends them once", async () => {
    const id = `offline-${crypto.randomUUID()}`;
    const member = await boardMember(id);
    await redisDownFor(member, true);
    let earned: number;
    try {
      earned = await play(id, "physics", [true, true, false, true]);
      expect(earned).toBeGreaterThan(0);
      // Every send so far failed and the rows are back in the queue, unclaimed, with attempts counted.
      const waiting = await settled(id, (o) => o.claimed === 0 && o.attempts > 0);
      expect(waiting.rows).toBe(3);
      // The alarm fires while Redis is still down: nothing is sent, nothing dropped.
      expect(await runDurableObjectAlarm(objectOf(id))).toBe(true);
      expect((await outbox(id)).rows).toBe(3);
    } finally {
      await redisDownFor(member, false);
    }
    expect(await runDurableObjectAlarm(objectOf(id))).toBe(true);
    expect((await outbox(id)).rows).toBe(0);
    for (const period of ["daily", "weekly", "all-time"] as const) {
      expect(await boardPoints(id, boardKey(period, Date.now()))).toBe(earned);
      expect(await boardPoints(id, boardKey(period, Date.now(), "physics"))).toBe(earned);
    }
    // Sent once: another alarm run adds nothing.
    await runDurableObjectAlarm(objectOf(id));
    expect(await boardPoints(id, boardKey("all-time", Date.now()))).toBe(earned);
    expect(await redis().hget("lb:names", member)).toBe(`Player ${id.slice(0, 4)}`);
  });

  it("applies each answer once when a reply is lost after Redis applied it (the retry is a no-op)", async () => {
    const id = `lost-reply-${crypto.randomUUID()}`;
    const member = await boardMember(id);
    await redisDownFor(member, true, true);
    let earned: number;
    try {
      earned = await play(id, "biology", [true, true, true]);
      const waiting = await settled(id, (o) => o.claimed === 0 && o.attempts > 0);
      expect(waiting.rows).toBeGreaterThan(0);
    } finally {
      await redisDownFor(member, false);
    }
    // Some sends landed although the object saw them fail, so their rows are still queued…
    const landed = (await boardPoints(id, boardKey("all-time", Date.now()))) ?? 0;
    expect(landed).toBeGreaterThan(0);
    expect(landed).toBeLessThanOrEqual(earned);
    // …and sending them again changes nothing: each answer counts once.
    expect(await runDurableObjectAlarm(objectOf(id))).toBe(true);
    expect((await outbox(id)).rows).toBe(0);
    for (const period of ["daily", "weekly", "all-time"] as const) {
      expect(await boardPoints(id, boardKey(period, Date.now()))).toBe(earned);
      expect(await boardPoints(id, boardKey(period, Date.now(), "biology"))).toBe(earned);
    }
  });
});
