import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { planBoardWrites } from "../../src/leaderboards/board-increments.ts";
import { applyBoardWrites, NAMES_KEY } from "../../src/leaderboards/board-store.ts";
import { boardMember, pseudonym, publicName } from "../../src/leaderboards/display-name.ts";
import { boardKey } from "../../src/leaderboards/periods.ts";
import { redisClient } from "../../src/redis/upstash-client.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

const redis = () => {
  const client = redisClient(env, { timeoutMs: 5000 });
  if (!client) throw new Error("the test env has no Upstash settings");
  return client;
};

// The learners' latest tiebreak per board, kept as their objects keep them.
const tiebreaks = new Map<string, Map<string, number>>();

/** Scores one answer for `learnerId` the way the learner's object does. */
async function score(learnerId: string, points: number, category: string, atMs: number, name: string | null = null) {
  const plan = planBoardWrites({ points, atMs, category }, tiebreaks.get(learnerId) ?? new Map());
  await applyBoardWrites(redis(), crypto.randomUUID(), await boardMember(learnerId), plan.writes, name);
  tiebreaks.set(learnerId, new Map([...(tiebreaks.get(learnerId) ?? []), ...plan.tiebreaks]));
}

type Board = {
  periodId: string;
  entries: { rank: number; points: number; displayName: string }[];
  me?: { rank: number | null; points: number; displayName: string } | null;
};

describe("GET /api/leaderboards/{period} (Upstash sorted sets on redis-server)", () => {
  it("ranks three learners by points with the right `me` for each, and the keys exist in Redis with expiry", async () => {
    const category = `cat-${crypto.randomUUID()}`;
    const now = Date.now();
    const [ada, bob, cy] = ["ada", "bob", "cy"].map((n) => `${n}-${crypto.randomUUID()}`) as [string, string, string];
    await score(ada, 30, category, now - 3000, "Ada Lovelace");
    await score(bob, 50, category, now - 2000);
    await score(cy, 20, category, now - 1000, "Cy");
    await score(ada, 10, category, now - 500, "Ada Lovelace");

    const expected = [
      { rank: 1, points: 50, displayName: pseudonym(await boardMember(bob)) },
      { rank: 2, points: 40, displayName: "Ada Lovelace" },
      { rank: 3, points: 20, displayName: "Cy" },
    ];
    for (const [learner, rank, points] of [
      [ada, 2, 40],
      [bob, 1, 50],
      [cy, 3, 20],
    ] as const) {
      const res = await api(`/api/leaderboards/daily?category=${category}`, {
        headers: bearer(await learnerToken(learner)),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, max-age=5");
      const body = (await res.json()) as Board;
      expect(body.entries).toEqual(expected);
      expect(body.me).toMatchObject({ rank, points });
    }

    const r = redis();
    for (const period of ["daily", "weekly", "all-time"] as const) {
      const key = boardKey(period, now, category);
      expect(await r.zcard(key)).toBe(3);
      const ttl = await r.ttl(key);
      if (period === "all-time") expect(ttl).toBe(-1);
      else expect(ttl).toBeGreaterThan(86_400);
    }
    // Members are hashes: the raw user id is nowhere in the board.
    const members = await r.zrange<string[]>(boardKey("daily", now, category), 0, -1);
    // (Compare whole ids: members are hex, so a short name like "ada" can occur in one by chance.)
    expect(members.some((m) => [ada, bob, cy].some((id) => m.includes(id)))).toBe(false);
    expect(members).toHaveLength(3);
    expect(await r.hget(NAMES_KEY, await boardMember(ada))).toBe("Ada Lovelace");
  });

  it("ranks equal points by who reached them first", async () => {
    const category = `tie-${crypto.randomUUID()}`;
    const now = Date.now();
    const early = `early-${crypto.randomUUID()}`;
    const late = `late-${crypto.randomUUID()}`;
    await score(late, 30, category, now - 1000, "Late");
    await score(early, 30, category, now - 5000, "Early");
    const body = (await (await api(`/api/leaderboards/weekly?category=${category}`)).json()) as Board;
    expect(body.entries.map((e) => [e.displayName, e.rank, e.points])).toEqual([
      ["Early", 1, 30],
      ["Late", 2, 30],
    ]);
  });

  it("serves anonymous callers a shared, edge-cached board without `me`, and a signed-in caller off the board gets rank null", async () => {
    const category = `anon-${crypto.randomUUID()}`;
    await score(`someone-${crypto.randomUUID()}`, 10, category, Date.now());
    const first = await api(`/api/leaderboards/all-time?category=${category}&limit=5`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=5");
    expect(first.headers.get("x-cache")).toBe("REDIS");
    const body = (await first.json()) as Board;
    expect(body).not.toHaveProperty("me");
    expect(body.periodId).toBe("all");
    const again = await api(`/api/leaderboards/all-time?category=${category}&limit=5`);
    expect(again.headers.get("x-cache")).toBe("MEMORY");
    await again.body?.cancel();

    const stranger = await api(`/api/leaderboards/all-time?category=${category}&limit=5`, {
      headers: bearer(await learnerToken(`stranger-${crypto.randomUUID()}`)),
    });
    expect(((await stranger.json()) as Board).me).toMatchObject({ rank: null, points: 0 });
  });

  it("names learners from their token's metadata, never an email or the id", async () => {
    const id = `named-${crypto.randomUUID()}`;
    const category = `names-${crypto.randomUUID()}`;
    const token = await learnerToken(id, { metadata: { full_name: "  Grace\u0000  Hop\u200bper " } });
    const me = (
      (await (await api(`/api/leaderboards/daily?category=${category}`, { headers: bearer(token) })).json()) as Board
    ).me;
    expect(me?.displayName).toBe("Grace Hopper");
    expect(publicName("grace@example.com", id)).toBeNull();
    expect(publicName(id, id)).toBeNull();
    expect(publicName(42, id)).toBeNull();
    const emailOnly = await learnerToken(id, { metadata: { name: "grace@example.com" } });
    const shown = (
      (await (
        await api(`/api/leaderboards/daily?category=${category}`, { headers: bearer(emailOnly) })
      ).json()) as Board
    ).me?.displayName;
    expect(shown).toBe(pseudonym(await boardMember(id)));
    expect(shown).not.toContain("@");
  });

  it("refuses bad parameters with 400 problem+json", async () => {
    await expectProblem(await api("/api/leaderboards/monthly"), 400);
    await expectProblem(await api("/api/leaderboards/daily?limit=101"), 400);
    await expectProblem(await api("/api/leaderboards/daily?limit=0"), 400);
    await expectProblem(await api(`/api/leaderboards/daily?category=${"x".repeat(65)}`), 400);
  });

  it("answers 503 with Retry-After when Redis is unreachable and nothing is cached, or not configured", async () => {
    const down = { ...env, UPSTASH_REDIS_REST_URL: "http://127.0.0.1:9" } as Env;
    const res = await api(`/api/leaderboards/daily?category=down-${crypto.randomUUID()}`, { env: down });
    await expectProblem(res, 503);
    expect(res.headers.get("retry-after")).toBe("10");
    const unconfigured = { ...env, UPSTASH_REDIS_REST_URL: "" } as Env;
    await expectProblem(await api("/api/leaderboards/daily", { env: unconfigured }), 503);
  });
});
