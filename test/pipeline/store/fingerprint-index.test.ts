import { env } from "cloudflare:test";
import { beforeEach, expect, it } from "vitest";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { type BandIndex, bandIndex } from "../../../src/pipeline/store/band-index.ts";
import {
  bandRows,
  FINGERPRINTS_BY_PREFIX,
  FINGERPRINTS_IN_KEY_ORDER,
  findBandMatches,
  findStoredHashes,
  fingerprintStatements,
  indexFingerprints,
  STORED_HASHES,
} from "../../../src/pipeline/store/fingerprint-index.ts";

// D1 is shared by the tests of a file: each starts without fingerprints, and with a band index of its own.
let bands: BandIndex;
beforeEach(async () => {
  await env.DB.prepare("DELETE FROM question_fingerprints").run();
  bands = bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`);
});

async function plan(sql: string, ...params: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

it("reads the fingerprints under band matches' prefixes by searching their key's index, never scanning it", async () => {
  const steps = await plan(FINGERPRINTS_BY_PREFIX, "[1]");
  expect(steps).toContainEqual(
    expect.stringMatching(/^SEARCH f USING INDEX question_fingerprints_hash_key \(<expr>>\? AND <expr><\?\)/),
  );
  // Only the JSON array of prefixes is scanned.
  expect(steps.filter((d) => d.startsWith("SCAN"))).toEqual(["SCAN p VIRTUAL TABLE INDEX 1:"]);
});

it("pages through fingerprints in key order along the key's index, without sorting them", async () => {
  const steps = await plan(FINGERPRINTS_IN_KEY_ORDER, "", 10);
  expect(steps).toEqual([
    expect.stringMatching(/^SEARCH question_fingerprints USING INDEX question_fingerprints_hash_key \(<expr>>\?\)/),
  ]);
});

it("files band rows under a 4-byte prefix, and returns every question sharing it as a candidate", async () => {
  const text = "Which planet has the largest number of known moons?";
  const signature = similarity.signature(text);
  const other = similarity.signature("How deep is the Mariana Trench in metres?");
  // The same first 8 digits, past 0x7fffffff (a negative stored prefix).
  const [mine, theirs] = ["f0e1d2c3".padEnd(64, "a"), "f0e1d2c3".padEnd(64, "b")];
  const entries = [
    { contentHash: mine, questionId: "q_moons", simhash: signature, bandKeys: similarity.bandKeys(signature) },
    { contentHash: theirs, questionId: "q_trench", simhash: other, bandKeys: similarity.bandKeys(other) },
  ];
  expect(new Set(bandRows(entries).map(([, prefix]) => prefix))).toEqual(new Set([0xf0e1d2c3 | 0]));
  await indexFingerprints(env.DB, bands, entries, "now");
  // Their signatures then tell them apart (dedupe's isNear).
  const [key = -1] = similarity.bandKeys(signature);
  const found = await findBandMatches(env.DB, bands, [key]);
  expect(
    found
      .get(key)
      ?.map((m) => m.questionId)
      .sort(),
  ).toEqual(["q_moons", "q_trench"]);
  expect(found.get(key)?.find((m) => m.questionId === "q_moons")?.contentHash).toBe(mine);
});

it("passes over band rows whose prefix no fingerprint has", async () => {
  await bands.add([[12_345, 0x0badcafe]]);
  expect([...(await findBandMatches(env.DB, bands, [12_345]))]).toEqual([]);
});

it("files band rows before fingerprints: a band index that fails leaves no fingerprint behind", async () => {
  const failing: BandIndex = {
    match: bands.match,
    add: () => Promise.reject(new Error("band index unavailable")),
  };
  const signature = similarity.signature("Which gas do plants take in for photosynthesis?");
  const entry = {
    contentHash: "c".repeat(64),
    questionId: "q_plants",
    simhash: signature,
    bandKeys: similarity.bandKeys(signature),
  };
  await expect(indexFingerprints(env.DB, failing, [entry], "now")).rejects.toThrow("band index unavailable");
  expect([...(await findStoredHashes(env.DB, [entry.contentHash]))]).toEqual([]);
  // The retry files both, and filing again changes nothing.
  await indexFingerprints(env.DB, bands, [entry], "now");
  await indexFingerprints(env.DB, bands, [entry], "now");
  expect([...(await findStoredHashes(env.DB, [entry.contentHash]))]).toEqual([[entry.contentHash, "q_plants"]]);
  const [key = -1] = entry.bandKeys;
  expect((await findBandMatches(env.DB, bands, [key])).get(key)?.map((m) => m.questionId)).toEqual(["q_plants"]);
});

it("finds exact duplicates by searching the fingerprints' 8-byte key, and only where the whole hash matches", async () => {
  expect(await plan(STORED_HASHES, "[]")).toContainEqual(
    expect.stringMatching(/^SEARCH question_fingerprints USING INDEX question_fingerprints_hash_key \(<expr>=\?\)/),
  );
  // Two hashes with the same first 16 digits: the second cannot be filed (the key is unique),
  // and a lookup of it does not take the first for it.
  const [first, second] = ["0123456789abcdef".padEnd(64, "a"), "0123456789abcdef".padEnd(64, "b")];
  await env.DB.batch(
    fingerprintStatements(
      env.DB,
      [first, second].map((contentHash, i) => ({ contentHash, questionId: `q_key${i}`, simhash: "" })),
      "now",
    ),
  );
  const found = await findStoredHashes(env.DB, [first, second, "f".repeat(64)]);
  expect([...found]).toEqual([[first, "q_key0"]]);
});

it("refuses a content hash that is not hex", () => {
  expect(() => bandRows([{ contentHash: "h1-q", questionId: "q", simhash: "", bandKeys: [1] }])).toThrow(TypeError);
});
