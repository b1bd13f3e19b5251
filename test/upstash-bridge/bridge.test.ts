import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis/cloudflare";
import { describe, expect, inject, it } from "vitest";

const token = inject("redisRestToken");
const backends = [
  { name: inject("redisBackend"), url: inject("redisRestUrl") },
  { name: "ioredis-mock", url: inject("mockRedisRestUrl") },
];

const client = (url: string, options: { responseEncoding?: false } = {}) =>
  new Redis({ url, token, retry: false, enableTelemetry: false, automaticDeserialization: false, ...options });

/** The bridge as @upstash/redis sees it, without the client: status and body of one call. */
async function raw(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const key = (name: string) => `bridge-test:${crypto.randomUUID()}:${name}`;

it("runs the Worker suite against a real Redis (redis-server, or REDIS_URL)", () => {
  expect(["redis-server", "redis-url"]).toContain(inject("redisBackend"));
});

describe.each(backends)("the Upstash REST bridge over $name", ({ url }) => {
  it("answers a command array with { result }, base64-encoded when the client asks (it does by default)", async () => {
    const k = key("text");
    const value = "héllo ✓ — 你好";
    expect(await raw(url, "/", ["SET", k, value])).toEqual({ status: 200, body: { result: "OK" } });

    const encoded = await raw(url, "/", ["GET", k], { "upstash-encoding": "base64" });
    expect(encoded).toEqual({
      status: 200,
      body: { result: btoa(String.fromCharCode(...new TextEncoder().encode(value))) },
    });
    expect(await raw(url, "/", ["GET", k])).toEqual({ status: 200, body: { result: value } });
    // Numbers stay numbers and nil is null, encoded or not.
    expect(await raw(url, "/", ["INCRBY", key("n"), 41], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: 41 },
    });
    expect(await raw(url, "/", ["GET", key("absent")], { "upstash-encoding": "base64" })).toEqual({
      status: 200,
      body: { result: null },
    });

    // Through the real client, both ways: what it wrote comes back intact.
    expect(await client(url).get(k)).toBe(value);
    expect(await client(url, { responseEncoding: false }).get(k)).toBe(value);
  });

  it("answers a pipeline with one { result } or { error } per command, in order", async () => {
    const k = key("pipeline");
    const body = await raw(url, "/pipeline", [
      ["SET", k, "1"],
      ["INCR", k],
      ["NOSUCHCOMMAND", k],
      ["GET", k],
    ]);
    expect(body.status).toBe(200);
    expect(body.body).toMatchObject([
      { result: "OK" },
      { result: 2 },
      { error: expect.stringMatching(/unknown command/i) },
      { result: "2" },
    ]);

    const z = key("z");
    const pipe = client(url).pipeline();
    pipe.zincrby(z, 5, "ada");
    pipe.zincrby(z, 7, "bob");
    pipe.expire(z, 60);
    pipe.zrange(z, 0, -1, { rev: true, withScores: true });
    // ZINCRBY answers the new score as a bulk string, as Redis does.
    expect(await pipe.exec()).toEqual(["5", "7", 1, ["bob", "7", "ada", "5"]]);
  });

  it("runs /multi-exec atomically and refuses a block Redis discards (EXECABORT) as a whole", async () => {
    const k = key("multi");
    const tx = client(url).multi();
    tx.set(k, "10");
    tx.incrby(k, 5);
    tx.get(k);
    expect(await tx.exec()).toEqual(["OK", 15, "15"]);

    const aborted = await raw(url, "/multi-exec", [["SET", k, "99"], ["NOSUCHCOMMAND"]]);
    expect(aborted.status).toBe(400);
    expect(aborted.body).toEqual({ error: expect.stringMatching(/^EXECABORT/) });
    expect(await client(url).get(k)).toBe("15");
  });

  it("answers errors as { error } with 4xx and the client throws them", async () => {
    await expect(client(url).eval("return redis.call('NOSUCHCOMMAND')", [], [])).rejects.toThrow();
    expect(await raw(url, "/", ["NOSUCHCOMMAND"])).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/unknown command/i) },
    });
    expect(await raw(url, "/", "{not json")).toMatchObject({ status: 400, body: { error: expect.any(String) } });
    expect(await raw(url, "/", [])).toMatchObject({ status: 400 });
    expect(await raw(url, "/", [["nested"]])).toMatchObject({ status: 400 });
    expect(await raw(url, "/pipeline", [])).toMatchObject({ status: 400 });
    // Connection state cannot be shared over stateless HTTP.
    expect(await raw(url, "/", ["SUBSCRIBE", "news"])).toMatchObject({ status: 400 });
    expect(await raw(url, "/", ["SELECT", "2"])).toMatchObject({ status: 400 });
    expect(await raw(url, "/", ["GET", "x"], { authorization: "Bearer wrong" })).toEqual({
      status: 401,
      body: { error: "Unauthorized" },
    });
    expect(await raw(url, "/", ["GET", "x"], { authorization: "" })).toMatchObject({ status: 401 });
    expect(await raw(url, "/elsewhere", ["GET", "x"])).toMatchObject({ status: 404 });
    const get = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    await get.body?.cancel();
    await expect(new Redis({ url, token: "wrong", retry: false }).get("x")).rejects.toThrow(/Unauthorized/);
  });

  it("runs @upstash/ratelimit's sliding-window scripts (EVALSHA, falling back to EVAL)", async () => {
    const limiter = new Ratelimit({
      redis: client(url),
      limiter: Ratelimit.slidingWindow(3, "60 s"),
      prefix: key("rl"),
      ephemeralCache: false,
    });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await limiter.limit("learner-1"));
    expect(outcomes.map((o) => o.success)).toEqual([true, true, true, false]);
    expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0]);
    expect(outcomes.every((o) => o.reason === undefined)).toBe(true);
    expect((await limiter.limit("learner-2")).success).toBe(true);
    expect(await limiter.getRemaining("learner-1")).toMatchObject({ remaining: 0 });
  });
});

describe("scripts on redis-server", () => {
  const url = inject("redisRestUrl");

  it("keeps the client's script hashes although Upstash-only shebang flags are removed for Redis", async () => {
    const redis = client(url);
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    const bytes = new TextEncoder().encode(script);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
    const sha = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");

    expect(await redis.scriptLoad(script)).toBe(sha);
    expect(await redis.scriptExists(sha)).toEqual([1]);
    const k = key("script");
    expect(await redis.evalsha(sha, [k], ["4"])).toBe(4);
    expect(await redis.eval(script, [k], ["3"])).toBe(7);
    // Redis's own rule for an unknown flag still holds.
    await expect(redis.eval("#!lua flags=made-up\nreturn 1", [], [])).rejects.toThrow(/flag/i);
  });
});
