import { env, SELF } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Question } from "../../schemas/question.ts";
import { cacheStats } from "../../src/cache/stats.ts";
import { rememberSnapshot } from "../../src/config/read-config.ts";
import { serveQuestionFromMemory } from "../../src/questions/memory-fast-path.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { api, BASE } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let bank: Question[];

beforeAll(async () => {
  bank = await questionBank();
  await seedD1(env.DB, bank.slice(0, 20));
});

beforeEach(() => {
  resetIsolateCache();
  rememberSnapshot({ revision: 0, values: {}, updatedAt: new Date().toISOString() });
});

const request = (id: string, headers: Record<string, string> = {}) =>
  new Request(`${BASE}/api/questions/${id}`, { headers: { "cf-connecting-ip": "203.0.113.5", ...headers } });

/** Headers that say the same thing on both paths (request ids and timings differ by nature). */
function comparable(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "x-request-id" && name !== "server-timing") out[name] = value;
  });
  return out;
}

describe("questions fresh in isolate memory skip the router", () => {
  it("answers exactly what the routed path answers", async () => {
    const id = (bank[0] as Question).id;
    await api(`/api/questions/${id}`); // loads it into memory through the routed path
    const routed = await api(`/api/questions/${id}`);
    const fast = (await serveQuestionFromMemory(request(id), env)) as Response;
    expect(fast).not.toBeNull();
    expect(fast.status).toBe(routed.status);
    expect(comparable(fast)).toEqual(comparable(routed));
    expect(await fast.text()).toBe(await routed.text());
    expect(fast.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers.get("server-timing")).toMatch(/total;dur=/);
  });

  it("is what the Worker's fetch handler uses, and it keeps 304s and request ids", async () => {
    const id = (bank[1] as Question).id;
    const first = await SELF.fetch(request(id));
    const etag = first.headers.get("etag") as string;
    expect(first.headers.get("x-cache")).toBe("D1");
    const hits = cacheStats().sources.MEMORY.hits;
    const second = await SELF.fetch(request(id, { "x-request-id": "trace-fast-path-1" }));
    expect(second.headers.get("x-cache")).toBe("MEMORY");
    expect(second.headers.get("x-request-id")).toBe("trace-fast-path-1");
    expect(cacheStats().sources.MEMORY.hits).toBe(hits + 1);
    const notModified = await SELF.fetch(request(id, { "if-none-match": etag }));
    expect(notModified.status).toBe(304);
  });

  it("leaves everything else to the router", async () => {
    const [a, b] = bank as [Question, Question];
    await api(`/api/questions/${a.id}`);
    expect(await serveQuestionFromMemory(request(b.id), env)).toBeNull(); // not in memory
    expect(await serveQuestionFromMemory(request("q_unknown00000000"), env)).toBeNull();
    const token = await learnerToken("fast-path-learner");
    expect(await serveQuestionFromMemory(request(a.id, bearer(token)), env)).toBeNull();
    const post = new Request(`${BASE}/api/questions/${a.id}`, { method: "POST" });
    expect(await serveQuestionFromMemory(post, env)).toBeNull();
    expect(await serveQuestionFromMemory(new Request(`${BASE}/api/questions/${a.id}/similar`), env)).toBeNull();

    rememberSnapshot({
      revision: 1,
      values: { "features.maintenance_mode": true },
      updatedAt: new Date().toISOString(),
    });
    expect(await serveQuestionFromMemory(request(a.id), env)).toBeNull();
    await expectProblem(await api(`/api/questions/${a.id}`), 503);
  });

  it("applies the learner rate limit", async () => {
    const id = (bank[2] as Question).id;
    await api(`/api/questions/${id}`);
    const unbound = { ...env, LEARNER_RATE_LIMITER: undefined } as unknown as Env;
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    for (let i = 0; i < 300; i++) expect((await serveQuestionFromMemory(request(id, ip), unbound))?.status).toBe(200);
    const refused = (await serveQuestionFromMemory(request(id, ip), unbound)) as Response;
    await expectProblem(refused, 429);
    expect(refused.headers.get("retry-after")).toBe("60");
  });
});

describe("a random pick from isolate memory skips the router", () => {
  const random = (query = "") =>
    new Request(`${BASE}/api/questions/random${query}`, { headers: { "cf-connecting-ip": "203.0.113.6" } });
  /** The routed path once (the pool into memory), then every question of the bank into memory. */
  const warm = async () => {
    expect((await api("/api/questions/random")).status).toBe(200);
    for (const q of bank.slice(0, 20)) await api(`/api/questions/${q.id}`);
  };

  it("answers what the routed path answers: a public question of the pool, with the same headers", async () => {
    await warm();
    const routed = await api("/api/questions/random");
    const fast = (await serveQuestionFromMemory(random(), env)) as Response;
    expect(fast).not.toBeNull();
    expect(fast.status).toBe(200);
    expect(comparable(fast)).toEqual(comparable(routed));
    expect(fast.headers.get("x-cache")).toBe("MEMORY");
    expect(fast.headers.get("cache-control")).toBe("no-store");
    expect(fast.headers.has("etag")).toBe(false);
    const picked = (await fast.json()) as { id: string; answer?: unknown };
    expect(bank.slice(0, 20).map((q) => q.id)).toContain(picked.id);
    expect(picked).not.toHaveProperty("answer");
  });

  it("counts the pool's and the question's memory hits, as the routed pick does", async () => {
    await warm();
    let hits = cacheStats().sources.MEMORY.hits;
    expect((await api("/api/questions/random")).headers.get("x-cache")).toBe("MEMORY");
    expect(cacheStats().sources.MEMORY.hits).toBe(hits + 2);
    hits = cacheStats().sources.MEMORY.hits;
    expect((await serveQuestionFromMemory(random(), env))?.status).toBe(200);
    expect(cacheStats().sources.MEMORY.hits).toBe(hits + 2);
  });

  it("leaves filters, a cold pool and maintenance to the router", async () => {
    expect(await serveQuestionFromMemory(random(), env)).toBeNull(); // nothing in memory yet
    await warm();
    expect(await serveQuestionFromMemory(random("?category=geography"), env)).toBeNull();
    rememberSnapshot({
      revision: 1,
      values: { "features.maintenance_mode": true },
      updatedAt: new Date().toISOString(),
    });
    expect(await serveQuestionFromMemory(random(), env)).toBeNull();
  });
});
