import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { toPublicQuestion } from "../../schemas/question.ts";
import { questionBank, seedD1 } from "../helpers/bank.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { viaWorker } from "../helpers/http.ts";

/** The first 128 bits of the SHA-256 of the bytes, in hex, quoted: what the README promises. */
async function sha256Etag(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${[...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

describe("ETag", () => {
  it("is the SHA-256 of the body from every tier, and for listings", async () => {
    resetIsolateCache();
    const q = (await questionBank())[3];
    await seedD1(env.DB, q ? [q] : []);
    const seen = new Set<string | null>();
    // D1 (routed), then memory (the fast path before the router), through the Worker itself.
    for (const path of [`/api/questions/${q?.id}`, `/api/questions/${q?.id}`, "/api/questions?limit=5"]) {
      const res = await viaWorker(path);
      expect(res.status).toBe(200);
      seen.add(res.headers.get("x-cache"));
      expect(res.headers.get("etag")).toBe(await sha256Etag(await res.arrayBuffer()));
    }
    expect(seen.has("MEMORY")).toBe(true);
  });
});

describe("toPublicQuestion", () => {
  it("drops tags that spell an accepted short answer, and keeps the others", async () => {
    const bank = await questionBank();
    const leaking = bank.filter(
      (q) => q.answer.kind === "text" && q.tags.some((t) => q.answer.kind === "text" && q.answer.accepted.includes(t)),
    );
    expect(leaking.length).toBeGreaterThan(0);
    for (const q of leaking) {
      const shown = toPublicQuestion(q);
      const accepted = q.answer.kind === "text" ? q.answer.accepted.map((a) => a.toLowerCase()) : [];
      expect(shown.tags.some((t) => accepted.includes(t.toLowerCase()))).toBe(false);
      expect(shown.tags.length).toBeLessThan(q.tags.length);
    }
  });
});
