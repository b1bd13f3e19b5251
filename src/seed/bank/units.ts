import { type Draft, numeric, prng, singleChoice } from "../draft.ts";

const CATEGORY = "physics";

const CONVERSIONS: [from: string, to: string, factor: number, values: number[], difficulty: number][] = [
  ["kilometres", "metres", 1000, [2, 3.5, 7, 12], 1],
  ["metres", "centimetres", 100, [1.5, 4, 9.2], 1],
  ["hours", "minutes", 60, [2, 3.5, 7, 24], 2],
  ["minutes", "seconds", 60, [3, 12, 45], 2],
  ["kilograms", "grams", 1000, [0.25, 2, 6.5], 2],
  ["litres", "millilitres", 1000, [0.75, 2, 3.3], 2],
  ["days", "hours", 24, [3, 7, 30], 3],
  ["kilobytes (decimal)", "bytes", 1000, [4, 64], 3],
  ["kibibytes", "bytes", 1024, [2, 4, 16], 4],
];

/** Unit conversions and temperatures: all computed from exact factors. */
export function unitsDrafts(): Draft[] {
  const rand = prng(606);
  const drafts: Draft[] = [];
  for (const [from, to, factor, values, difficulty] of CONVERSIONS) {
    for (const v of values) {
      const result = Math.round(v * factor * 1000) / 1000;
      drafts.push(
        numeric(
          {
            text: `How many ${to} are in ${v} ${from}?`,
            explanation: `1 ${from.replace(/s( \(.*\))?$/, "$1")} = ${factor} ${to}, so ${v} × ${factor} = ${result}.`,
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
  for (let c = -40; c <= 100; c += 10) {
    const f = (c * 9) / 5 + 32;
    drafts.push(
      singleChoice(
        {
          text: `What is ${c} °C in degrees Fahrenheit?`,
          explanation: `°F = °C × 9/5 + 32 = ${c} × 1.8 + 32 = ${f}.`,
          category: CATEGORY,
          tags: ["units", "temperature"],
          difficulty: c < 0 ? 5 : 4,
          bloomLevel: "apply",
        },
        `${f} °F`,
        [`${f + 10} °F`, `${c + 32} °F`, `${f - 18} °F`],
        rand,
      ),
    );
  }
  return drafts;
}
