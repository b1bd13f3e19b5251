import { env } from "cloudflare:test";
import { beforeEach, expect, it } from "vitest";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { backfillBandIndex } from "../../../src/pipeline/store/band-backfill.ts";
import { type BandIndex, bandIndex } from "../../../src/pipeline/store/band-index.ts";
import { fingerprintStatements } from "../../../src/pipeline/store/fingerprint-index.ts";

let bands: BandIndex;
beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM question_fingerprints"),
    env.DB.prepare("DELETE FROM band_index_backfill"),
  ]);
  bands = bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`);
});

const stored = ["Which ocean is the largest?", "Which ocean is the coldest?", "Which ocean is the saltiest?"].map(
  (text, i) => ({ contentHash: `${i}`.repeat(64), questionId: `q_ocean${i}`, simhash: similarity.signature(text) }),
);
const cursor = () => env.DB.prepare("SELECT after_key FROM band_index_backfill WHERE id = 1").first();

it("does nothing without the cursor migration 0012 leaves", async () => {
  await env.DB.batch(fingerprintStatements(env.DB, stored, "now"));
  expect(await backfillBandIndex(env.DB, bands, similarity, 10)).toBe(0);
  expect(await bands.match(similarity.bandKeys(stored[0]?.simhash ?? ""))).toEqual([]);
});

it("moves the cursor past each page it files, and repeats a page whose filing failed", async () => {
  await env.DB.batch([
    ...fingerprintStatements(env.DB, stored, "now"),
    env.DB.prepare("INSERT INTO band_index_backfill (id, after_key) VALUES (1, '')"),
  ]);
  const failing: BandIndex = { match: bands.match, add: () => Promise.reject(new Error("band index unavailable")) };
  await expect(backfillBandIndex(env.DB, failing, similarity, 2)).rejects.toThrow("band index unavailable");
  expect(await cursor()).toEqual({ after_key: "" });

  expect(await backfillBandIndex(env.DB, bands, similarity, 2)).toBe(2);
  expect(await cursor()).toEqual({ after_key: "1".repeat(16) });
  expect(await backfillBandIndex(env.DB, bands, similarity, 2)).toBe(1);
  expect(await cursor()).toBeNull();
  for (const [i, f] of stored.entries()) {
    const rows = await bands.match(similarity.bandKeys(f.simhash));
    expect(new Set(rows.map(([, prefix]) => prefix))).toContain(Number.parseInt(`${i}`.repeat(8), 16) | 0);
  }
});
