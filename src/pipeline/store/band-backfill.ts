import type { BandIndex } from "./band-index.ts";
import { bandRows, fingerprintsInKeyOrder } from "./fingerprint-index.ts";

interface Signer {
  bandKeys(signature: string): number[];
}

/**
 * Files the band rows of up to `limit` stored fingerprints in the band index, from their
 * signatures, in the order of their 8-byte key after the cursor migration 0012 left (none
 * when it left none). Returns how many it filed; the cursor goes once a call finds fewer than
 * `limit`. Filing a row twice changes nothing, so an interrupted call is simply repeated.
 */
export async function backfillBandIndex(
  db: D1Database,
  bands: BandIndex,
  signer: Signer,
  limit: number,
): Promise<number> {
  const cursor = await db
    .prepare("SELECT after_key FROM band_index_backfill WHERE id = 1")
    .first<{ after_key: string }>();
  if (!cursor) return 0;
  const page = await fingerprintsInKeyOrder(db, cursor.after_key, limit);
  await bands.add(bandRows(page.map((f) => ({ ...f, bandKeys: signer.bandKeys(f.simhash) }))));
  const last = page.at(-1);
  await (page.length < limit || !last
    ? db.prepare("DELETE FROM band_index_backfill WHERE id = 1")
    : db.prepare("UPDATE band_index_backfill SET after_key = ?1 WHERE id = 1").bind(last.contentHash.slice(0, 16))
  ).run();
  return page.length;
}
