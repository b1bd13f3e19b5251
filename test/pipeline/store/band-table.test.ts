import { describe, expect, it } from "vitest";
import { BandTable } from "../../../src/pipeline/store/band-table.ts";
import { prng } from "../../../src/seed/draft.ts";

describe("BandTable", () => {
  it("finds every prefix filed under a key, and none under a key it never saw", () => {
    const table = new BandTable();
    expect(table.add(7, 1)).toBe(true);
    expect(table.add(7, -2)).toBe(true);
    expect(table.add(9, 1)).toBe(true);
    expect(table.prefixes(7).sort()).toEqual([-2, 1]);
    expect(table.prefixes(9)).toEqual([1]);
    expect(table.prefixes(8)).toEqual([]);
    expect(table.has(7, -2)).toBe(true);
    expect(table.has(9, -2)).toBe(false);
  });

  it("stores a row once however often it is added", () => {
    const table = new BandTable();
    expect(table.add(0x7fffffff, 0)).toBe(true);
    expect(table.add(0x7fffffff, 0)).toBe(false);
    expect(table.size).toBe(1);
    expect(table.prefixes(0x7fffffff)).toEqual([0]);
  });

  it("keeps every row through its growth, with keys that share their low bits (one shard's)", () => {
    const table = new BandTable();
    const rand = prng(11);
    const rows = Array.from(
      { length: 50_000 },
      () => [Math.floor(rand() * 2 ** 29) * 4 + 3, (rand() * 2 ** 32) | 0] as const,
    );
    for (const [key, prefix] of rows) table.add(key, prefix);
    const distinct = new Set(rows.map(([k, p]) => `${k}:${p}`));
    expect(table.size).toBe(distinct.size);
    for (const [key, prefix] of rows) expect(table.prefixes(key)).toContain(prefix);
    expect(table.prefixes(4)).toEqual([]);
  });

  it("refuses keys that are not 31-bit band keys", () => {
    const table = new BandTable();
    for (const key of [-1, 2 ** 31, 1.5, Number.NaN]) expect(() => table.add(key, 0)).toThrow(RangeError);
    expect(table.size).toBe(0);
  });
});
