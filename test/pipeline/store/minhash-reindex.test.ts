import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { signatureText } from "../../../src/pipeline/scrape/build-candidate.ts";
import { dedupe } from "../../../src/pipeline/scrape/dedupe.ts";
import { nearDuplicateSignature as similarity } from "../../../src/pipeline/scrape/near-duplicate-signature.ts";
import { indexUnfingerprinted } from "../../../src/pipeline/store/fingerprint-index.ts";

/**
 * The fingerprint index's migrations on rows of the layouts they replace, run again here over
 * such rows as they ran over a database that held them: 0007 (SimHash of 16 hex digits, band
 * keys "<band>:<4 hex>", to MinHash), then the pipeline's catch-up signs the questions anew;
 * 0009 (band rows naming the whole content hash, to its first 16 digits); 0010 (text band rows
 * to integers in a WITHOUT ROWID table, six bands of eight kept); 0011 (fingerprints keyed by
 * 8 bytes of the hash, bands given a recent tier).
 */
const migration = (prefix: string) => {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(prefix));
  if (!found) throw new Error(`migration ${prefix} not found`);
  return found;
};
async function replay(...prefixes: string[]): Promise<void> {
  for (const prefix of prefixes) for (const query of migration(prefix).queries) await env.DB.prepare(query).run();
}

/** The band table as 0003 created it, in place of 0010's: the schema those rows lived in. */
async function schemaBefore0010(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DROP TABLE near_duplicate_bands"),
    env.DB.prepare(
      "CREATE TABLE simhash_bands (band_key text NOT NULL, content_hash text NOT NULL, PRIMARY KEY(band_key, content_hash))",
    ),
  ]);
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
  await schemaBefore0010();
  await seedOldLayout();
  await replay("0007_", "0009_", "0010_");

  // The held question keeps its fingerprint (exact duplicates) but no band can match a new key.
  const heldRow = await env.DB.prepare("SELECT simhash FROM question_fingerprints WHERE content_hash = ?1")
    .bind(held.hash)
    .first<{ simhash: string }>();
  expect(heldRow?.simhash).toBe("0123456789abcdef");
  const { results: bands } = await env.DB.prepare("SELECT band_key, hash_prefix FROM near_duplicate_bands").all();
  expect(bands).toEqual([]);

  const indexed = await indexUnfingerprinted(env.DB, similarity, signatureText, 100, "now");
  expect(indexed).toBe(1);
  const signature = similarity.signature(
    signatureText({ text: stored.text, choices: stored.choices.map((text) => ({ text })) }),
  );
  const row = await env.DB.prepare("SELECT question_id, simhash FROM question_fingerprints WHERE content_hash = ?1")
    .bind(stored.hash)
    .first<{ question_id: string; simhash: string }>();
  expect(row).toEqual({ question_id: stored.id, simhash: signature });
  // New rows go to the recent tier (0011).
  const { results: newBands } = await env.DB.prepare(
    "SELECT band_key FROM near_duplicate_bands_recent WHERE hash_prefix = ?1 ORDER BY band_key",
  )
    .bind(0xaaaaaaaa | 0)
    .all<{ band_key: number }>();
  expect(newBands.map((b) => b.band_key)).toEqual([...similarity.bandKeys(signature)].sort((a, b) => a - b));

  // And a one-word edit of the re-signed question is found as its near duplicate.
  const edit = `${stored.text.replace("city", "capital")}\n${stored.choices.join("\n")}`;
  const { fresh } = await dedupe(
    env.DB,
    [{ id: "q_edit", contentHash: "c".repeat(64), simhash: similarity.signature(edit) }],
    similarity,
  );
  expect(fresh[0]?.nearDuplicateOf).toBe(stored.id);
});

it("0009 and 0010 carry band rows of whole content hashes over as integers, and lookups find them", async () => {
  await schemaBefore0010();
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
  const { fresh } = await dedupe(
    env.DB,
    [{ id: "q_edit2", contentHash: "e".repeat(64), simhash: similarity.signature(text.replace("plants", "trees")) }],
    similarity,
  );
  expect(fresh[0]?.nearDuplicateOf).toBe("q_prefix");
});

/** The fingerprint table as 0003 created it, and no recent tier: the schema before 0011. */
async function schemaBefore0011(): Promise<void> {
  await env.DB.batch(
    [
      "DROP TABLE near_duplicate_band_counts",
      "DROP TABLE near_duplicate_bands_recent",
      "DROP TABLE question_fingerprints",
      "CREATE TABLE question_fingerprints (content_hash text PRIMARY KEY NOT NULL, question_id text NOT NULL, simhash text NOT NULL, created_at text NOT NULL)",
      "CREATE INDEX question_fingerprints_id_idx ON question_fingerprints (question_id)",
    ].map((sql) => env.DB.prepare(sql)),
  );
}

it("0011 keeps fingerprints and band rows, counts the rows stored, and both kinds of duplicate are still found", async () => {
  await env.DB.prepare("DELETE FROM near_duplicate_bands").run();
  await schemaBefore0011();
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
  const { fresh, duplicates } = await dedupe(
    env.DB,
    [
      { id: "q_same", contentHash: hash, simhash: signature },
      { id: "q_near", contentHash: "8".repeat(64), simhash: similarity.signature(text.replace("liquid", "fluid")) },
    ],
    similarity,
  );
  expect(duplicates.map((d) => [d.item.id, d.of])).toEqual([["q_same", "q_0011"]]);
  expect(fresh.map((f) => [f.id, f.nearDuplicateOf])).toEqual([["q_near", "q_0011"]]);
});
