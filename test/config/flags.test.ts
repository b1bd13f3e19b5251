import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bucketOf, evaluateFlag } from "../../src/config/flags.ts";
import { murmur3 } from "../../src/config/murmur3.ts";
import { adminFetch, BASE } from "../helpers/admin.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

describe("MurmurHash3 x86 32", () => {
  it("matches the reference vectors", () => {
    expect(murmur3("")).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("hello")).toBe(0x248bfa47);
    expect(murmur3("test")).toBe(0xba6bd213);
    expect(murmur3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
  });
});

describe("bucketing", () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

  it("is sticky: the same user always gets the same bucket and decision", () => {
    const flag = { enabled: true, rolloutPercent: 30, allow: [], deny: [] };
    for (const user of users.slice(0, 100)) {
      expect(bucketOf("features.beta_engine", user)).toBe(bucketOf("features.beta_engine", user));
      expect(evaluateFlag("features.beta_engine", flag, user)).toEqual(
        evaluateFlag("features.beta_engine", flag, user),
      );
    }
  });

  it.each([5, 25, 50, 90])("turns on for %i%% of 10,000 users, within 2 points", (percent) => {
    const flag = { enabled: true, rolloutPercent: percent, allow: [], deny: [] };
    const on = users.filter((u) => evaluateFlag("features.beta_engine", flag, u).enabled).length;
    expect(Math.abs((on / users.length) * 100 - percent)).toBeLessThanOrEqual(2);
  });

  it("grows monotonically: raising the percentage never turns a user off", () => {
    const at = (p: number) => new Set(users.filter((u) => bucketOf("features.new_ui", u) < p));
    const [small, large] = [at(10), at(40)];
    expect(small.size).toBeGreaterThan(0);
    for (const u of small) expect(large.has(u)).toBe(true);
  });

  it("honours off, deny and allow lists before the percentage", () => {
    const flag = { enabled: true, rolloutPercent: 0, allow: ["vip"], deny: ["banned"] };
    expect(evaluateFlag("f", flag, "vip")).toMatchObject({ enabled: true, reason: "allowed" });
    expect(evaluateFlag("f", { ...flag, rolloutPercent: 100 }, "banned")).toMatchObject({
      enabled: false,
      reason: "denied",
    });
    expect(evaluateFlag("f", { ...flag, enabled: false }, "vip")).toMatchObject({ enabled: false, reason: "disabled" });
  });
});

describe("GET /api/flags", () => {
  it("evaluates flags for the learner of the token", async () => {
    await adminFetch("/api/admin/config/features.new_ui", {
      method: "PUT",
      body: { value: { enabled: true, rolloutPercent: 0, allow: ["learner-7"] } },
    });
    const res = await SELF.fetch(`${BASE}/api/flags`, { headers: bearer(await learnerToken("learner-7")) });
    const body = (await res.json()) as { user_id: string; anonymous: boolean; flags: Record<string, boolean> };
    expect(body).toMatchObject({ user_id: "learner-7", anonymous: false });
    expect(body.flags).toMatchObject({
      new_ui: true,
      spaced_repetition: true,
      ai_validation: true,
      beta_engine: false,
    });
    const other = await SELF.fetch(`${BASE}/api/flags`, { headers: bearer(await learnerToken("learner-8")) });
    expect(((await other.json()) as { flags: Record<string, boolean> }).flags.new_ui).toBe(false);
  });

  it("401s a bad learner token and needs no admin rights", async () => {
    const bad = await SELF.fetch(`${BASE}/api/flags`, { headers: bearer("not-a-jwt") });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const expired = await SELF.fetch(`${BASE}/api/flags`, {
      headers: bearer(await learnerToken("learner-9", { expiresIn: -60 })),
    });
    expect(expired.status).toBe(401);
  });

  it("agrees with the documented hash, so other services can recompute a decision", async () => {
    // bucket = murmur3_x86_32("features.beta_engine:learner-42", seed 0) % 100
    const bucket = murmur3("features.beta_engine:learner-42") % 100;
    expect(bucketOf("features.beta_engine", "learner-42")).toBe(bucket);
    await adminFetch("/api/admin/config/features.beta_engine", {
      method: "PUT",
      body: { value: { enabled: true, rolloutPercent: bucket + 1 } },
    });
    const on = await SELF.fetch(`${BASE}/api/flags`, { headers: bearer(await learnerToken("learner-42")) });
    expect(((await on.json()) as { flags: Record<string, boolean> }).flags.beta_engine).toBe(true);
    await adminFetch("/api/admin/config/features.beta_engine", {
      method: "PUT",
      body: { value: { enabled: true, rolloutPercent: bucket } },
    });
    const off = await SELF.fetch(`${BASE}/api/flags`, { headers: bearer(await learnerToken("learner-42")) });
    expect(((await off.json()) as { flags: Record<string, boolean> }).flags.beta_engine).toBe(false);
  });

  it("gives anonymous callers a stable id through a cookie", async () => {
    const first = await SELF.fetch(`${BASE}/api/flags`);
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/anon_id=anon_[0-9a-f-]{36};.*HttpOnly/);
    const id = ((await first.json()) as { user_id: string }).user_id;
    const again = await SELF.fetch(`${BASE}/api/flags`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(((await again.json()) as { user_id: string }).user_id).toBe(id);
    expect(again.headers.get("set-cookie")).toBeNull();
  });
});
