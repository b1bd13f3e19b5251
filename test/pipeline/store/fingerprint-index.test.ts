import { env } from "cloudflare:test";
import { beforeEach, expect, it } from "vitest";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import {
  BAND_MATCHES,
  type FingerprintEntry,
  findBandMatches,
  findStoredHashes,
  fingerprintStatements,
  MERGE_STATEMENTS,
  STORED_HASHES,
} from "../../../src/pipeline/store/fingerprint-index.ts";
import { prng } from "../../../src/seed/draft.ts";

// Storage is shared by the tests of a file: each starts from an empty index.
beforeEach(async () => {
  await env.DB.batch(
    ["near_duplicate_bands", "near_duplicate_bands_recent", "near_duplicate_band_counts", "question_fingerprints"].map(
      (table) => env.DB.prepare(`DELETE FROM ${table}`),
    ),
  );
});

it("looks band keys up by searching every index, never scanning a table", async () => {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${BAND_MATCHES}`).bind("[1]").all<{ detail: string }>();
  const plan = results.map((r) => r.detail);
  for (const table of ["near_duplicate_bands", "near_duplicate_bands_recent"]) {
    expect(plan).toContainEqual(
      expect.stringMatching(new RegExp(`^SEARCH ${table} USING PRIMARY KEY \\(band_key=\\?\\)`)),
    );
  }
  expect(plan).toContainEqual(
    expect.stringMatching(/^SEARCH f USING INDEX question_fingerprints_hash_key \(<expr>>\? AND <expr><\?\)/),
  );
  expect(plan.filter((d) => d.startsWith("SCAN") && !d.includes("json_each"))).toEqual([]);
});

it("checks whether a merge is due before reading the recent tier: its moves search by key, never scan", async () => {
  for (const sql of MERGE_STATEMENTS) {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<{ detail: string }>();
    const plan = results.map((r) => r.detail);
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH near_duplicate_bands_recent USING PRIMARY KEY \(band_key>\?\)/),
    );
    expect(plan.filter((d) => d.startsWith("SCAN"))).toEqual([]);
  }
});

it("files band rows under a 4-byte prefix, and returns every question sharing it as a candidate", async () => {
  const text = "Which planet has the largest number of known moons?";
  const signature = similarity.signature(text);
  const other = similarity.signature("How deep is the Mariana Trench in metres?");
  // The same first 8 digits, past 0x7fffffff (a negative stored prefix).
  const [mine, theirs] = ["f0e1d2c3".padEnd(64, "a"), "f0e1d2c3".padEnd(64, "b")];
  await env.DB.batch(
    fingerprintStatements(
      env.DB,
      [
        { contentHash: mine, questionId: "q_moons", simhash: signature, bandKeys: similarity.bandKeys(signature) },
        { contentHash: theirs, questionId: "q_trench", simhash: other, bandKeys: similarity.bandKeys(other) },
      ],
      "now",
    ),
  );
  const { results: prefixes } = await env.DB.prepare(
    `SELECT DISTINCT hash_prefix FROM near_duplicate_bands_recent`,
  ).all();
  expect(prefixes).toEqual([{ hash_prefix: 0xf0e1d2c3 | 0 }]);
  // Their signatures then tell them apart (dedupe's isNear).
  const [key = -1] = similarity.bandKeys(signature);
  const found = await findBandMatches(env.DB, [key]);
  expect(
    found
      .get(key)
      ?.map((m) => m.questionId)
      .sort(),
  ).toEqual(["q_moons", "q_trench"]);
  expect(found.get(key)?.find((m) => m.questionId === "q_moons")?.contentHash).toBe(mine);
});

it("finds exact duplicates by searching the fingerprints' 8-byte key, and only where the whole hash matches", async () => {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${STORED_HASHES}`).bind("[]").all<{ detail: string }>();
  expect(results.map((r) => r.detail)).toContainEqual(
    expect.stringMatching(/^SEARCH question_fingerprints USING INDEX question_fingerprints_hash_key \(<expr>=\?\)/),
  );
  // Two hashes with the same first 16 digits: the second cannot be filed (the key is unique),
  // and a lookup of it does not take the first for it.
  const [first, second] = ["0123456789abcdef".padEnd(64, "a"), "0123456789abcdef".padEnd(64, "b")];
  await env.DB.batch(
    fingerprintStatements(
      env.DB,
      [first, second].map((contentHash, i) => ({ contentHash, questionId: `q_key${i}`, simhash: "", bandKeys: [] })),
      "now",
    ),
  );
  const found = await findStoredHashes(env.DB, [first, second, "f".repeat(64)]);
  expect([...found]).toEqual([[first, "q_key0"]]);
});

it("refuses a content hash that is not hex", () => {
  expect(() =>
    fingerprintStatements(env.DB, [{ contentHash: "h1-q", questionId: "q", simhash: "", bandKeys: [1] }], "now"),
  ).toThrow(TypeError);
});

/** `n` stored questions with random band keys (a seeded generator) and fingerprints. */
function entries(n: number, seed: number): FingerprintEntry[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    contentHash: Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, "0")
      .padEnd(64, String(i % 10)),
    questionId: `q_tier${seed}_${i}`,
    simhash: "",
    bandKeys: Array.from({ length: 6 }, () => Math.floor(rand() * 2 ** 31)),
  }));
}

async function index(list: FingerprintEntry[]): Promise<void> {
  await env.DB.batch(fingerprintStatements(env.DB, list, "now"));
}

async function tierRows() {
  const count = async (table: string) =>
    (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n;
  const counts = await env.DB.prepare(
    "SELECT recent_rows AS recent, main_rows AS main FROM near_duplicate_band_counts WHERE id = 1",
  ).first();
  return { main: await count("near_duplicate_bands"), recent: await count("near_duplicate_bands_recent"), counts };
}

it("writes new band rows to the recent tier and merges it into the main table once it holds 12,000", async () => {
  const first = entries(2_000, 1);
  await index(first.slice(0, 1_000));
  await index(first.slice(1_000));
  expect(await tierRows()).toEqual({ main: 0, recent: 12_000, counts: { recent: 12_000, main: 0 } });

  const [late] = entries(1, 2);
  await index(late ? [late] : []);
  expect(await tierRows()).toEqual({ main: 12_000, recent: 6, counts: { recent: 6, main: 12_000 } });

  // Lookups find rows in both tiers: the first question's now in the main table, the last one's recent.
  const keys = [first[0]?.bandKeys[0], late?.bandKeys[0]].filter((k) => k !== undefined);
  const found = await findBandMatches(env.DB, keys);
  expect(keys.map((k) => found.get(k)?.map((m) => m.questionId))).toEqual([["q_tier1_0"], ["q_tier2_0"]]);
});

it("lets the recent tier grow with the store: no merge at 12,000 rows over a main table of 10 million", async () => {
  await index(entries(2_000, 3));
  await env.DB.prepare("UPDATE near_duplicate_band_counts SET main_rows = 10000000 WHERE id = 1").run();
  await index(entries(1, 4));
  // √(12,000 × 10,000,000) ≈ 346,000 rows are due before the next merge.
  expect(await tierRows()).toEqual({ main: 0, recent: 12_006, counts: { recent: 12_006, main: 10_000_000 } });
});
