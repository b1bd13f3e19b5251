import { type Draft, numberChoice, numeric, prng, tidy } from "../draft.ts";

/** Unit conversions are filed under physics. */
const CATEGORY = "physics";

/** Exact factors (by definition of the units, no measured constants). */
const CONVERSIONS: [from: string, one: string, to: string, factor: number, values: number[], difficulty: number][] = [
  ["kilometres", "kilometre", "metres", 1000, [2, 3.5, 7, 12], 1],
  ["metres", "metre", "centimetres", 100, [1.5, 4, 9.2], 1],
  ["centimetres", "centimetre", "millimetres", 10, [3, 7.5, 42], 1],
  ["hours", "hour", "minutes", 60, [2, 3.5, 7, 24], 2],
  ["minutes", "minute", "seconds", 60, [3, 12, 45], 2],
  ["kilograms", "kilogram", "grams", 1000, [0.25, 2, 6.5], 2],
  ["tonnes", "tonne", "kilograms", 1000, [1.2, 3, 0.5], 2],
  ["litres", "litre", "millilitres", 1000, [0.75, 2, 3.3], 2],
  ["days", "day", "hours", 24, [3, 7, 30], 3],
  ["weeks", "week", "days", 7, [4, 12, 52], 2],
  ["inches", "inch", "centimetres", 2.54, [1, 10, 12], 4],
  ["feet", "foot", "centimetres", 30.48, [1, 3, 6], 4],
  ["miles", "mile", "metres", 1609.344, [1, 2, 5], 5],
  ["pounds (avoirdupois)", "pound (avoirdupois)", "grams", 453.59237, [1, 2], 5],
  ["kilobytes (decimal)", "kilobyte", "bytes", 1000, [4, 64], 3],
  ["kibibytes", "kibibyte", "bytes", 1024, [2, 4, 16], 4],
  ["hours", "hour", "seconds", 3600, [1, 2.5], 3],
  ["square metres", "square metre", "square centimetres", 10_000, [1, 3], 4],
  ["cubic metres", "cubic metre", "litres", 1000, [1, 2.5], 3],
];

/** Unit conversions and temperatures: all computed from exact factors. */
export function unitsDrafts(): Draft[] {
  const rand = prng(606);
  const drafts: Draft[] = [];
  for (const [from, one, to, factor, values, difficulty] of CONVERSIONS) {
    for (const v of values) {
      const result = tidy(v * factor);
      drafts.push(
        numeric(
          {
            text: `How many ${to} are in ${v} ${v === 1 ? one : from}?`,
            explanation: `1 ${one} = ${factor} ${to}, so ${v} × ${factor} = ${result}.`,
            category: CATEGORY,
            tags: ["units", "conversion"],
            difficulty,
            bloomLevel: "apply",
          },
          result,
          0.001,
        ),
      );
    }
  }
  // Forgetting the +32, or using the approximation ×2 + 30, are the classic slips.
  for (let c = -40; c <= 100; c += 10) {
    const f = (c * 9) / 5 + 32;
    drafts.push(
      numberChoice(
        {
          text: `What is ${c} °C in degrees Fahrenheit?`,
          explanation: `°F = °C × 9/5 + 32 = ${c} × 1.8 + 32 = ${f}.`,
          category: CATEGORY,
          tags: ["units", "temperature"],
          difficulty: c < 0 ? 5 : 4,
          bloomLevel: "apply",
        },
        f,
        [(c * 9) / 5, c * 2 + 30, c + 32, f + 10, f - 10, f + 18, f - 18],
        rand,
        (x) => `${x} °F`,
      ),
    );
  }
  for (const c of [-273.15, -20, 0, 25, 37, 100]) {
    const k = tidy(c + 273.15);
    drafts.push(
      numeric(
        {
          text: `What is ${c} °C in kelvin?`,
          explanation: `K = °C + 273.15 = ${k}.`,
          category: CATEGORY,
          tags: ["units", "temperature"],
          difficulty: 3,
          bloomLevel: "apply",
        },
        k,
        0.001,
      ),
    );
  }
  return drafts;
}
