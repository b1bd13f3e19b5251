import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE, dailyRequests, monthlyBill } from "../../src/metering/cost-model.ts";
import { charge, PRICES } from "../../src/metering/prices.ts";

const TYPES = { start: "start", answer: "answer", finish: "finish" };

describe("the cost model", () => {
  it("charges only what exceeds a plan's allowance", () => {
    expect(charge(5_000_000, PRICES.workers.requests)).toBe(0);
    expect(charge(20_000_000, PRICES.workers.requests)).toBeCloseTo(10 * 0.3);
  });

  it("turns the default profile into a learner's day: 3 sessions of 10 answers", () => {
    expect(dailyRequests(DEFAULT_PROFILE, TYPES)).toEqual({ start: 3, answer: 30, finish: 3 });
  });

  it("bills the month per service, per learner and in total", () => {
    const perDay = dailyRequests(DEFAULT_PROFILE, TYPES);
    const ops = {
      start: { worker_requests: 1, do_requests: 1 },
      answer: { worker_requests: 1, do_requests: 1, do_rows_written: 10 },
      finish: { worker_requests: 1, do_requests: 1 },
    };
    const bill = monthlyBill(200_000, perDay, ops, DEFAULT_PROFILE, {
      cpuMsPerRequest: 0.001,
      doActiveMsPerRequest: 0.001,
    });
    const requests = 200_000 * 25 * 36;
    const line = (service: string) => bill.lines.find((l) => l.service === service)?.monthly ?? Number.NaN;
    expect(line("Workers requests")).toBeCloseTo(((requests - 10e6) / 1e6) * 0.3);
    expect(line("Durable Objects requests")).toBeCloseTo(((requests - 1e6) / 1e6) * 0.15);
    expect(line("Durable Objects rows written")).toBeCloseTo(((200_000 * 25 * 30 * 10 - 50e6) / 1e6) * 1);
    expect(line("KV reads")).toBe(0);
    expect(bill.total).toBeCloseTo(bill.lines.reduce((n, l) => n + l.monthly, 0));
    expect(bill.perLearner).toBeCloseTo(bill.total / 200_000);
  });
});
