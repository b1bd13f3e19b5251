import { type Draft, numeric, tidy } from "../draft.ts";

const CATEGORY = "physics";

/** A formula question: its wording and answer computed from the given values. */
type Formula = (a: number, b: number) => { text: string; value: number; explanation: string };

const FORMULAS: [tags: string[], difficulty: number, values: [number, number][], f: Formula][] = [
  [
    ["kinematics", "speed"],
    2,
    [
      [150, 2],
      [240, 3],
      [90, 1.5],
      [400, 5],
    ],
    (d, t) => ({
      text: `A train covers ${d} km in ${t} hours. What is its average speed in km/h?`,
      value: d / t,
      explanation: `speed = distance ÷ time = ${d} ÷ ${t} = ${tidy(d / t)} km/h.`,
    }),
  ],
  [
    ["kinematics", "acceleration"],
    3,
    [
      [20, 4],
      [30, 6],
      [9, 3],
    ],
    (dv, t) => ({
      text: `A car speeds up by ${dv} m/s in ${t} s. What is its average acceleration in m/s²?`,
      value: dv / t,
      explanation: `a = Δv ÷ t = ${dv} ÷ ${t} = ${tidy(dv / t)} m/s².`,
    }),
  ],
  [
    ["electricity", "ohm's law"],
    3,
    [
      [2, 5],
      [0.5, 12],
      [3, 4],
      [1.5, 10],
    ],
    (i, r) => ({
      text: `A current of ${i} A flows through a ${r} Ω resistor. What is the voltage across it, in volts?`,
      value: i * r,
      explanation: `V = I × R = ${i} × ${r} = ${tidy(i * r)} V.`,
    }),
  ],
  [
    ["electricity", "ohm's law"],
    3,
    [
      [12, 4],
      [9, 3],
      [230, 46],
      [6, 12],
    ],
    (v, r) => ({
      text: `A ${v} V supply drives current through a ${r} Ω resistor. What is the current, in amperes?`,
      value: v / r,
      explanation: `I = V ÷ R = ${v} ÷ ${r} = ${tidy(v / r)} A.`,
    }),
  ],
  [
    ["electricity", "power"],
    3,
    [
      [230, 2],
      [12, 5],
      [5, 0.5],
    ],
    (v, i) => ({
      text: `A device draws ${i} A at ${v} V. What power does it use, in watts?`,
      value: v * i,
      explanation: `P = V × I = ${v} × ${i} = ${tidy(v * i)} W.`,
    }),
  ],
  [
    ["density"],
    3,
    [
      [270, 100],
      [79, 10],
      [500, 500],
      [1930, 100],
    ],
    (m, v) => ({
      text: `A block of mass ${m} g has a volume of ${v} cm³. What is its density in g/cm³?`,
      value: m / v,
      explanation: `ρ = m ÷ V = ${m} ÷ ${v} = ${tidy(m / v)} g/cm³.`,
    }),
  ],
  [
    ["forces", "weight"],
    3,
    [
      [10, 9.81],
      [2.5, 9.81],
      [70, 9.81],
    ],
    (m, g) => ({
      text: `Taking g = ${g} m/s², what is the weight of a ${m} kg mass, in newtons?`,
      value: m * g,
      explanation: `W = m × g = ${m} × ${g} = ${tidy(m * g)} N.`,
    }),
  ],
  [
    ["energy", "kinetic energy"],
    4,
    [
      [2, 3],
      [4, 5],
      [1000, 20],
      [0.5, 10],
    ],
    (m, v) => ({
      text: `What is the kinetic energy, in joules, of a ${m} kg object moving at ${v} m/s?`,
      value: 0.5 * m * v * v,
      explanation: `Eₖ = ½mv² = ½ × ${m} × ${v}² = ${tidy(0.5 * m * v * v)} J.`,
    }),
  ],
  [
    ["energy", "work"],
    3,
    [
      [50, 4],
      [120, 2.5],
      [10, 10],
    ],
    (f, d) => ({
      text: `A force of ${f} N pushes an object ${d} m along its direction. How much work is done, in joules?`,
      value: f * d,
      explanation: `W = F × d = ${f} × ${d} = ${tidy(f * d)} J.`,
    }),
  ],
  [
    ["momentum"],
    4,
    [
      [3, 4],
      [1200, 15],
      [0.2, 30],
    ],
    (m, v) => ({
      text: `What is the momentum, in kg·m/s, of a ${m} kg object moving at ${v} m/s?`,
      value: m * v,
      explanation: `p = m × v = ${m} × ${v} = ${tidy(m * v)} kg·m/s.`,
    }),
  ],
  [
    ["waves"],
    4,
    [
      [440, 0.78],
      [50, 6],
      [2, 1.5],
    ],
    (f, l) => ({
      text: `A wave has frequency ${f} Hz and wavelength ${l} m. What is its speed, in m/s?`,
      value: f * l,
      explanation: `v = f × λ = ${f} × ${l} = ${tidy(f * l)} m/s.`,
    }),
  ],
  [
    ["waves"],
    4,
    [
      [50, 1],
      [4, 1],
      [0.5, 1],
    ],
    (f) => ({
      text: `What is the period, in seconds, of a wave with frequency ${f} Hz?`,
      value: 1 / f,
      explanation: `T = 1 ÷ f = 1 ÷ ${f} = ${tidy(1 / f)} s.`,
    }),
  ],
];

/** Room for rounding in the third significant figure, never loose enough for a wrong answer. */
const tolerance = (value: number): number => tidy(Math.max(0.001, Math.abs(value) * 0.001));

/** One-step physics formulas; the answer and the worked explanation are computed together. */
export function physicsFormulaDrafts(): Draft[] {
  const drafts: Draft[] = [];
  for (const [tags, difficulty, values, f] of FORMULAS) {
    for (const [a, b] of values) {
      const { text, value, explanation } = f(a, b);
      drafts.push(
        numeric(
          { category: CATEGORY, tags, difficulty, bloomLevel: "apply", text, explanation },
          tidy(value),
          tolerance(value),
        ),
      );
    }
  }

  return drafts;
}
