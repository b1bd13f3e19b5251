import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { BAND_MATCHES, findBandMatches, fingerprintStatements } from "../../../src/pipeline/store/fingerprint-index.ts";

it("looks band keys up by searching both indexes, never scanning a table", async () => {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${BAND_MATCHES}`).bind("[1]").all<{ detail: string }>();
  const plan = results.map((r) => r.detail);
  expect(plan).toContainEqual(expect.stringMatching(/^SEARCH b USING PRIMARY KEY \(band_key=\?\)/));
  expect(plan).toContainEqual(expect.stringMatching(/^SEARCH f USING INDEX .*\(content_hash>\? AND content_hash<\?\)/));
  expect(plan.filter((d) => d.startsWith("SCAN") && !d.includes("json_each"))).toEqual([]);
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
  const { results: prefixes } = await env.DB.prepare("SELECT DISTINCT hash_prefix FROM near_duplicate_bands").all();
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

it("refuses a content hash that is not hex", () => {
  expect(() =>
    fingerprintStatements(env.DB, [{ contentHash: "h1-q", questionId: "q", simhash: "", bandKeys: [1] }], "now"),
  ).toThrow(TypeError);
});
