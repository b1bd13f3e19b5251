import type { AnswerKey } from "../../../schemas/question.ts";

export type NumericAnswer = Extract<AnswerKey, { kind: "numeric" }>;

/**
 * A numeric answer written the GIFT way, which tabular sources borrow: `1822`,
 * `3.1415:0.0005` (value and tolerance) or `3.141..3.142` (a range, held as its midpoint and
 * half-width). Throws a message naming what is not a number.
 */
export function parseNumericSpec(spec: string): NumericAnswer {
  const text = spec.trim();
  const range = /^(.+?)\.\.(.+)$/.exec(text);
  if (range) {
    const low = toNumber(range[1]);
    const high = toNumber(range[2]);
    return { kind: "numeric", value: round((low + high) / 2), tolerance: round(Math.abs(high - low) / 2) };
  }
  const colon = text.indexOf(":");
  if (colon >= 0) {
    return {
      kind: "numeric",
      value: toNumber(text.slice(0, colon)),
      tolerance: Math.abs(toNumber(text.slice(colon + 1))),
    };
  }
  return { kind: "numeric", value: toNumber(text), tolerance: 0 };
}

/** Drops binary floating-point noise: (3.141 + 3.142) / 2 is 3.1415, not 3.1414999999999997. */
function round(n: number): number {
  return Number(n.toPrecision(12));
}

function toNumber(raw: string | undefined): number {
  const s = (raw ?? "").trim();
  const n = s === "" ? Number.NaN : Number(s);
  if (!Number.isFinite(n)) throw new Error(`'${s}' is not a number`);
  return n;
}
