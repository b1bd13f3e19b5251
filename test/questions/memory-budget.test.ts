import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isolateMemoryUsage } from "../../src/cache/tiered-cache.ts";
import { encodeCursor } from "../../src/questions/list-questions.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { withEnv } from "../helpers/failures.ts";
import { api, postJson } from "../helpers/http.ts";

beforeAll(async () => {
  await seedD1(env.DB);
});
beforeEach(() => resetIsolateCache());

/** The real KV namespace, with its puts counted. */
function countingKv(kv: KVNamespace): { kv: KVNamespace; puts: string[] } {
  const puts: string[] = [];
  const counted = new Proxy(kv, {
    get(target, prop) {
      if (prop === "put") {
        return (key: string, ...rest: Parameters<KVNamespace["put"]> extends [string, ...infer R] ? R : never) => {
          puts.push(key);
          return target.put(key, ...rest);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { kv: counted, puts };
}

describe("isolate memory under made-up keys (API4)", () => {
  it("keeps pages after arbitrary cursors out of the shared memory pool", async () => {
    const ids = (await questionBank()).map((q) => q.id).sort();
    expect((await api("/api/questions?limit=100")).status).toBe(200);
    const before = isolateMemoryUsage();
    // Every id-shaped cursor is a new key; each page holds up to 100 questions.
    for (const id of ids.slice(0, 30)) {
      const res = await api(`/api/questions?limit=100&cursor=${encodeCursor(`${id}0`)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { questions: unknown[] }).questions.length).toBeGreaterThan(0);
    }
    expect(isolateMemoryUsage().entries).toBe(before.entries);
    expect(isolateMemoryUsage().bytes).toBe(before.bytes);
  });

  it("costs no KV write for a batch of unknown ids, and still answers them from memory", async () => {
    const { kv, puts } = countingKv(env.QUESTIONS_KV);
    const testEnv = withEnv({ QUESTIONS_KV: kv });
    const unknown = Array.from({ length: 100 }, () => `q_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`);
    const first = await postJson("/api/questions/batch", { ids: unknown }, { env: testEnv });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { notFound: string[] }).notFound.length).toBe(100);
    expect(puts.filter((key) => unknown.some((id) => key.endsWith(id)))).toEqual([]);
    const again = await postJson("/api/questions/batch", { ids: unknown }, { env: testEnv });
    expect(again.headers.get("x-cache")).toBe("MEMORY");
  });
});
