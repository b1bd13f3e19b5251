import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BillableMeter } from "../../src/metering/billable-ops.ts";
import { meterBindings, meterObjectState, redisCommands } from "../../src/metering/meter-bindings.ts";

async function counted(work: (metered: Env) => Promise<void>) {
  const meter = new BillableMeter();
  meter.begin("t");
  await work(meterBindings(env, meter));
  return (await meter.report()).t?.ops;
}

describe("the counting proxies over real bindings", () => {
  it("count D1 queries with the rows D1 reports, and answer first/raw/batch as D1 does", async () => {
    await env.DB.exec("CREATE TABLE IF NOT EXISTS meter_t (id INTEGER PRIMARY KEY, v TEXT)");
    let firstRow: unknown;
    let firstValue: unknown;
    let raw: unknown;
    const ops = await counted(async (m) => {
      await m.DB.prepare("INSERT INTO meter_t (v) VALUES (?1), (?2), (?3)").bind("a", "b", "c").run();
      firstRow = await m.DB.prepare("SELECT v FROM meter_t ORDER BY id").first();
      firstValue = await m.DB.prepare("SELECT v FROM meter_t ORDER BY id").first("v");
      raw = await m.DB.prepare("SELECT id, v FROM meter_t ORDER BY id").raw();
      await m.DB.batch([m.DB.prepare("DELETE FROM meter_t WHERE v = ?1").bind("a"), m.DB.prepare("SELECT 1")]);
    });
    expect(firstRow).toEqual({ v: "a" });
    expect(firstValue).toBe("a");
    expect(raw).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
    expect(ops?.d1_queries).toBe(6);
    expect(ops?.d1_rows_written).toBeGreaterThanOrEqual(4);
    expect(ops?.d1_rows_read).toBeGreaterThanOrEqual(9);
  });

  it("count KV reads per key, writes, deletes and lists", async () => {
    const ops = await counted(async (m) => {
      await m.CONFIG_KV.put("meter:a", "1");
      await m.CONFIG_KV.get("meter:a");
      await m.CONFIG_KV.get(["meter:a", "meter:b", "meter:c"]);
      await m.CONFIG_KV.list({ prefix: "meter:" });
      await m.CONFIG_KV.delete("meter:a");
    });
    expect(ops).toMatchObject({ kv_writes: 1, kv_reads: 4, kv_lists: 1, kv_deletes: 1 });
    expect(await env.CONFIG_KV.get("meter:a")).toBeNull();
  });

  it("count R2 class A and B operations and queue messages", async () => {
    const ops = await counted(async (m) => {
      await m.MEDIA.put("meter.txt", "x");
      expect(await (await m.MEDIA.get("meter.txt"))?.text()).toBe("x");
      await m.MEDIA.head("meter.txt");
      await m.MEDIA.delete("meter.txt");
      await m.DEAD_LETTER_QUEUE.sendBatch([{ body: { kind: "meter" } }, { body: { kind: "meter" } }]);
    });
    expect(ops).toMatchObject({ r2_class_a: 2, r2_class_b: 2, queue_messages: 2 });
  });

  it("count every call on a Durable Object stub as a request", async () => {
    const ops = await counted(async (m) => {
      const stub = m.LEARNER.get(m.LEARNER.idFromName("meter-test"));
      await stub
        .getSession("s_00000000000000000000000000000000", { learnerId: "x", settings: {} as never })
        .catch(() => null);
    });
    expect(ops?.do_requests).toBe(1);
  });

  it("wait for an object's waitUntil work before a report, and count it for the request that caused it", async () => {
    const meter = new BillableMeter();
    meter.begin("answer");
    await runInDurableObject(env.LEARNER.get(env.LEARNER.idFromName("meter-wait")), (_instance, state) => {
      const metered = meterObjectState(state, meter);
      metered.waitUntil(new Promise<void>((resolve) => setTimeout(() => resolve(meter.add("redis_commands")), 50)));
    });
    expect((await meter.report()).answer?.ops.redis_commands).toBe(1);
  });

  it("read Upstash commands from a REST body: one, or one per pipelined command", () => {
    expect(redisCommands(["ZINCRBY", "lb", "1", "a"])).toBe(1);
    expect(
      redisCommands([
        ["ZINCRBY", "lb", "1", "a"],
        ["EXPIRE", "lb", "60"],
      ]),
    ).toBe(2);
    expect(redisCommands({})).toBe(0);
  });
});
