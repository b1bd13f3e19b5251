import { env, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { bandIndex } from "../../../src/pipeline/store/band-index.ts";
import { NearDuplicateBands } from "../../../src/pipeline/store/near-duplicate-bands-object.ts";

/** Rows as the objects take them: pairs of key and prefix in one array. */
const pairs = (...rows: [number, number][]) => new Int32Array(rows.flat());
const fresh = () => bandIndex(env.NEAR_DUPLICATE_BANDS, `test-${crypto.randomUUID()}`);

it("finds rows filed in every shard, under each key they were filed under", async () => {
  const index = fresh();
  const rows: [number, number][] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [1_000 + i, -i]);
  await index.add([...rows, [1_001, 99]]);
  const found = await index.match([1_000, 1_001, 1_003, 1_007, 5_000, -1_001]);
  expect(found.sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual([
    [1_000, 0],
    [1_001, -1],
    [1_001, 99],
    [1_003, -3],
    [1_007, -7],
  ]);
});

it("appends only rows it does not hold, so a repeated write changes nothing", async () => {
  const stub = env.NEAR_DUPLICATE_BANDS.get(env.NEAR_DUPLICATE_BANDS.idFromName(`test-${crypto.randomUUID()}`));
  expect(await stub.add(pairs([5, 1], [6, 2], [5, 1]))).toBe(2);
  expect(await stub.add(pairs([5, 1]))).toBe(0);
  expect(await stub.add(pairs([5, 1], [5, 3]))).toBe(1);
  await runInDurableObject(stub, (_instance, state) => {
    const runs = state.storage.sql.exec<{ rows: ArrayBuffer }>("SELECT rows FROM runs ORDER BY id").toArray();
    expect(runs.map((r) => [...new Int32Array(r.rows)])).toEqual([
      [5, 1, 6, 2],
      [5, 3],
    ]);
  });
});

it("rebuilds its table from the stored runs when it starts again", async () => {
  const stub = env.NEAR_DUPLICATE_BANDS.get(env.NEAR_DUPLICATE_BANDS.idFromName(`test-${crypto.randomUUID()}`));
  await stub.add(pairs([40, 4], [41, -4]));
  await stub.add(pairs([40, 5]));
  await runInDurableObject(stub, (_instance, state) => {
    // A new instance over the same storage, as after an eviction: only the log is there.
    const restarted = new NearDuplicateBands(state, env);
    expect([...restarted.match(new Int32Array([40, 41, 42]))]).toEqual([40, 4, 40, 5, 41, -4]);
  });
});

it("refuses rows that are not band rows, and stores none of the write", async () => {
  const stub = env.NEAR_DUPLICATE_BANDS.get(env.NEAR_DUPLICATE_BANDS.idFromName(`test-${crypto.randomUUID()}`));
  const refusal = (rows: Int32Array) =>
    stub.add(rows).then(
      () => null,
      (error: unknown) => String(error),
    );
  expect(await refusal(pairs([7, 1], [-3, 1]))).toMatch(/not a band row/);
  expect(await refusal(new Int32Array([7, 1, 8]))).toMatch(/in pairs/);
  expect([...(await stub.match(new Int32Array([7])))]).toEqual([]);
  await runInDurableObject(stub, (_instance, state) => {
    expect(state.storage.sql.exec("SELECT count(*) AS n FROM runs").one()).toEqual({ n: 0 });
  });
});

it("refuses a write with a key that is not a band key before any shard gets it", async () => {
  const index = fresh();
  await expect(
    index.add([
      [8, 1],
      [-1, 1],
    ]),
  ).rejects.toThrow(RangeError);
  expect(await index.match([8])).toEqual([]);
});
