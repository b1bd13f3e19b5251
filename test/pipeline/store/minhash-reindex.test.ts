import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { signatureText } from "../../../src/pipeline/scrape/build-candidate.ts";
import { dedupe } from "../../../src/pipeline/scrape/dedupe.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { backfillBandIndex } from "../../../src/pipeline/store/band-backfill.ts";
import { type BandIndex, bandIndex } from "../../../src/pipeline/store/band-index.ts";
import { indexUnfingerprinted } from "../../../src/pipeline/store/fingerprint-index.ts";

/**
 * The fingerprint index's migrations on rows of the layouts they replace, run again here over
 * such rows as they ran over a database that held them: 0007 (SimHash of 16 hex digits, band
 * keys "<band>:<4 hex>", to MinHash), then the pipeline's catch-up signs the questions anew;
 * 0009 (band rows naming the whole content hash, to its first 16 digits); 0010 (text band rows
 * to integers in a WITHOUT ROWID table, six bands of eight kept); 0011 (fingerprints keyed by
 * 8 bytes of the hash, bands given a recent tier); 0012 (band tables dropped, the band index
 * rebuilt in Durable Objects from the fingerprints by the catch-up). Each test starts from the
 * schema before the first migration it replays, and replays them all to 0012.
 */
const migration = (prefix: string) => {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(prefix));
  if (!found) throw new Error(`migration ${prefix} not found`);
  return found;
};
async function replay(...prefixes: string[]): Promise<void> {
  for (const prefix of prefixes) for (const query of migration(prefix).queries) await env.DB.prepare(query).run();
}

/** The fingerprint table as 0003 created it, without the catch-up cursor of 0012. */
const FINGERPRINTS_0003 = [
  "DROP TABLE band_index_backfill",
  "DROP TABLE question_fingerprints",
  "CREATE TABLE question_fingerprints (content_hash text PRIMARY KEY NOT NULL, question_id text NOT NULL, simhash text NOT NULL, created_at text NOT NULL)",
  "CREATE INDEX question_fingerprints_id_idx ON question_fingerprints (question_id)",
];
const BANDS_0010 =
  "CREATE TABLE near_duplicate_bands (band_key integer NOT NULL, hash_prefix integer NOT NULL, PRIMARY KEY(band_key, hash_prefix)) WITHOUT ROWID";

/** The schema each migration replayed here ran over. */
const schemaBefore = {
  "0010": [
    ...FINGERPRINTS_0003,
    "CREATE TABLE simhash_bands (band_key text NOT NULL, content_hash text NOT NULL, PRIMARY KEY(band_key, content_hash))",
  ],
  "0011": [...FINGERPRINTS_0003, BANDS_0010],
  "0012": [
    "DROP TABLE band_index_backfill",
    "DELETE FROM question_fingerprints",
    BANDS_0010,
    "CREATE TABLE near_duplicate_bands_recent (band_key integer NOT NULL, hash_prefix integer NOT NULL, PRIMARY KEY(band_key, hash_prefix)) WITHOUT ROWID",
    "CREATE TABLE near_duplicate_band_counts (id integer PRIMARY KEY NOT NULL, recent_rows integer NOT NULL, main_rows integer NOT NULL)",
  ],
};
async function startBefore(migration: keyof typeof schemaBefore): Promise<BandIndex> {
  await env.DB.batch(schemaBefore[migration].map((sql) => env.DB.prepare(sql)));
  return bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`);
}

/** The catch-up the scrape step runs, to the end. */
async function catchUp(bands: BandIndex): Promise<void> {
  while ((await backfillBandIndex(env.DB, bands, similarity, 100)) === 100);
}

/** The band key as text, as lshBandKeys wrote it before 0010: "<band>:<8 hex>" (the last digit 0010 drops). */
const textKey = (key: number) => `${key >>> 28}:${((key % 2 ** 28) * 16 + 0xa).toString(16).padStart(8, "0")}`;

const stored = {
  id: "q_reindex_stored",
  text: "Which river flows through the city of Budapest in Hungary?",
  choices: ["Danube", "Rhine", "Vistula", "Elbe"],
  hash: "a".repeat(64),
};
/** Held for review: no edge copy, so its old fingerprint stays for exact duplicates only. */
const held = { id: "q_reindex_held", hash: "b".repeat(64) };

async function seedOldLayout(): Promise<void> {
  const choices = JSON.stringify(stored.choices.map((text, i) => ({ id: String.fromCharCode(97 + i), text })));
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO questions (id, type, text, choices, answer, explanation, category, tags, difficulty, bloom_level,
         language, media_keys, source, content_hash, status, version, created_at, updated_at)
       VALUES (?1, 'single_choice', ?2, ?3, '{"kind":"choices","correct":["a"]}', NULL, 'geography', '[]', 2,
         'remember', 'en', '[]', 'test', ?4, 'active', 1, 'then', 'then')`,
    ).bind(stored.id, stored.text, choices, stored.hash),
    ...[
      [stored.hash, stored.id],
      [held.hash, held.id],
    ].flatMap(([hash, id]) => [
      env.DB.prepare(
        "INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at) VALUES (?1, ?2, '0123456789abcdef', 'then')",
      ).bind(hash, id),
      ...["0:0123", "1:4567", "2:89ab", "3:cdef"].map((key) =>
        env.DB.prepare("INSERT INTO simhash_bands (band_key, content_hash) VALUES (?1, ?2)").bind(key, hash),
      ),
    ]),
  ]);
}

it("0007 drops the SimHash rows, and the catch-up gives stored questions their MinHash signatures and bands", async () => {
  const bands = await startBefore("0010");
  await seedOldLayout();
  await replay("0007_", "0009_", "0010_", "0011_", "0012_");
  await catchUp(bands);

  // The held question keeps its fingerprint (exact duplicates) but no band can match a new key.
  const heldRow = await env.DB.prepare("SELECT simhash FROM question_fingerprints WHERE content_hash = ?1")
    .bind(held.hash)
    .first<{ simhash: string }>();
  expect(heldRow?.simhash).toBe("0123456789abcdef");
  expect(similarity.bandKeys("0123456789abcdef")).toEqual([]);

  const indexed = await indexUnfingerprinted(env.DB, bands, similarity, signatureText, 100, "now");
  expect(indexed).toBe(1);
  const signature = similarity.signature(
    signatureText({ text: stored.text, choices: stored.choices.map((text) => ({ text })) }),
  );
  const row = await env.DB.prepare("SELECT question_id, simhash FROM question_fingerprints WHERE content_hash = ?1")
    .bind(stored.hash)
    .first<{ question_id: string; simhash: string }>();
  expect(row).toEqual({ question_id: stored.id, simhash: signature });
  // Its band rows are in the band index.
  const keys = similarity.bandKeys(signature);
  expect((await bands.match(keys)).sort((a, b) => a[0] - b[0])).toEqual(
    [...keys].sort((a, b) => a - b).map((key) => [key, 0xaaaaaaaa | 0]),
  );

  // And a one-word edit of the re-signed question is found as its near duplicate.
  const edit = `${stored.text.replace("city", "capital")}\n${stored.choices.join("\n")}`;
  const { fresh } = await dedupe(
    env.DB,
    bands,
    [{ id: "q_edit", contentHash: "c".repeat(64), simhash: similarity.signature(edit) }],
    similarity,
  );
  expect(fresh[0]?.nearDuplicateOf).toBe(stored.id);
});

it("0009 and 0010 carry band rows of whole content hashes over as integers, and the signature outlasts 0012", async () => {
  const bands = await startBefore("0010");
  const text = "Which gas do plants take in from the air to make their food?\nCarbon dioxide\nOxygen\nNitrogen";
  const signature = similarity.signature(text);
  // Past 0x7fffffff in its first 8 digits: stored as a negative 32-bit prefix.
  const hash = "d".repeat(64);
  const keys = similarity.bandKeys(signature);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at) VALUES (?1, 'q_prefix', ?2, 'then')",
    ).bind(hash, signature),
    // Its six bands as text, and the two more that eight bands had.
    ...[...keys.map(textKey), "6:0123abcd", "7:89abcdef"].map((key) =>
      env.DB.prepare("INSERT INTO simhash_bands (band_key, content_hash) VALUES (?1, ?2)").bind(key, hash),
    ),
  ]);
  await replay("0009_", "0010_");
  const { results } = await env.DB.prepare(
    "SELECT band_key, hash_prefix FROM near_duplicate_bands ORDER BY band_key",
  ).all<{ band_key: number; hash_prefix: number }>();
  expect(results).toEqual(
    [...keys].sort((a, b) => a - b).map((key) => ({ band_key: key, hash_prefix: 0xdddddddd | 0 })),
  );
  await replay("0011_", "0012_");
  await catchUp(bands);
  const { fresh } = await dedupe(
    env.DB,
    bands,
    [{ id: "q_edit2", contentHash: "e".repeat(64), simhash: similarity.signature(text.replace("plants", "trees")) }],
    similarity,
  );
  expect(fresh[0]?.nearDuplicateOf).toBe("q_prefix");
});

it("0011 keeps fingerprints and band rows, counts the rows stored, and both kinds of duplicate are still found", async () => {
  const bands = await startBefore("0011");
  const text = "Which metal is liquid at room temperature?\nMercury\nIron\nCopper\nZinc";
  const signature = similarity.signature(text);
  const hash = "9".repeat(64);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at) VALUES (?1, 'q_0011', ?2, 'then')",
    ).bind(hash, signature),
    ...similarity
      .bandKeys(signature)
      .map((key) =>
        env.DB.prepare("INSERT INTO near_duplicate_bands (band_key, hash_prefix) VALUES (?1, ?2)").bind(
          key,
          0x99999999 | 0,
        ),
      ),
  ]);
  await replay("0011_");

  const counts = await env.DB.prepare(
    "SELECT recent_rows, main_rows FROM near_duplicate_band_counts WHERE id = 1",
  ).first();
  expect(counts).toEqual({ recent_rows: 0, main_rows: 6 });
  await replay("0012_");
  await catchUp(bands);
  const { fresh, duplicates } = await dedupe(
    env.DB,
    bands,
    [
      { id: "q_same", contentHash: hash, simhash: signature },
      { id: "q_near", contentHash: "8".repeat(64), simhash: similarity.signature(text.replace("liquid", "fluid")) },
    ],
    similarity,
  );
  expect(duplicates.map((d) => [d.item.id, d.of])).toEqual([["q_same", "q_0011"]]);
  expect(fresh.map((f) => [f.id, f.nearDuplicateOf])).toEqual([["q_near", "q_0011"]]);
});

it("0012 drops the band tables, and the catch-up files every stored fingerprint's band rows, then stops", async () => {
  const bands = await startBefore("0012");
  const texts = Array.from({ length: 250 }, (_, i) => `Which number comes after ${i} when counting up by one?`);
  await env.DB.batch(
    texts.map((text, i) =>
      env.DB.prepare(
        "INSERT INTO question_fingerprints (content_hash, question_id, simhash, created_at) VALUES (?1, ?2, ?3, 'then')",
      ).bind(i.toString(16).padStart(8, "0").padEnd(64, "7"), `q_count${i}`, similarity.signature(text)),
    ),
  );
  await replay("0012_");
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'near_duplicate_band%'",
  ).all();
  expect(tables).toEqual([]);

  // Pages of 100 in key order: 100, 100, 50, and the cursor is gone.
  const filed = [];
  for (let page = 0; page < 4; page++) filed.push(await backfillBandIndex(env.DB, bands, similarity, 100));
  expect(filed).toEqual([100, 100, 50, 0]);
  expect(await env.DB.prepare("SELECT count(*) AS n FROM band_index_backfill").first()).toEqual({ n: 0 });
  const keys = texts.flatMap((text) => similarity.bandKeys(similarity.signature(text)));
  const prefixes = new Set((await bands.match(keys)).map(([, prefix]) => prefix));
  expect(prefixes).toEqual(new Set(texts.map((_, i) => i)));
});
