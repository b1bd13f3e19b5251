import { env } from "cloudflare:test";
import { it } from "vitest";
import { nearDuplicateSignature as similarity } from "../../src/pipeline/scrape/near-duplicate-signature.ts";
import { bandIndex } from "../../src/pipeline/store/band-index.ts";
import { bandRows, FINGERPRINTS_BY_PREFIX, findStoredHashes, fingerprintStatements } from "../../src/pipeline/store/fingerprint-index.ts";
import { syntheticTexts } from "./synthetic-questions.ts";

async function entries(texts: string[]) {
  return Promise.all(texts.map(async (text, i) => {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    const contentHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const simhash = similarity.signature(text);
    return { questionId: `q_bench${i}`, contentHash, simhash, bandKeys: similarity.bandKeys(simhash) };
  }));
}
let gen = 0;
async function scale(items: Awaited<ReturnType<typeof entries>>) {
  await env.DB.prepare("DELETE FROM question_fingerprints").run();
  const bands = bandIndex(env.NEAR_DUPLICATE_BANDS, `parts-${gen++}`);
  const ms: Record<string, number> = { hashes: 0, match: 0, prefix: 0, add: 0, fp: 0, js: 0 };
  const time = async <T>(k: string, w: () => Promise<T>) => { const t = performance.now(); const r = await w(); ms[k]! += performance.now() - t; return r; };
  for (let i = 0; i < items.length; i += 1000) {
    const batch = items.slice(i, i + 1000);
    await time("hashes", () => findStoredHashes(env.DB, batch.map((b) => b.contentHash)));
    const rows = await time("match", () => bands.match(batch.flatMap((b) => b.bandKeys)));
    if (rows.length) await time("prefix", () => env.DB.prepare(FINGERPRINTS_BY_PREFIX).bind(JSON.stringify([...new Set(rows.map((r) => r[1]))])).all());
    await time("add", () => bands.add(bandRows(batch)));
    await time("fp", () => env.DB.batch(fingerprintStatements(env.DB, batch, "bench")));
  }
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)]));
}
it("parts", async () => {
  const small = await entries(syntheticTexts(10_000, 10_000));
  const large = await entries(syntheticTexts(50_000, 50_000));
  for (let round = 0; round < 4; round++) {
    const a = await scale(small);
    const b = await scale(large);
    const tot = (x: Record<string, number>) => Object.values(x).reduce((p, c) => p + c, 0);
    console.log(`P ${round} total ${(tot(b) / tot(a)).toFixed(2)} 10k ${JSON.stringify(a)} 50k ${JSON.stringify(b)} ${Object.keys(a).map((k) => `${k} ${(b[k]! / a[k]!).toFixed(2)}`).join(" ")}`);
  }
}, 900_000);
