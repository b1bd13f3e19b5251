import { type Draft, type DraftMeta, numberChoice, numeric, prng, tidy, trueFalse } from "../draft.ts";

/** Geometry lives in the mathematics category; its questions are tagged "geometry". */
const CATEGORY = "mathematics";

/** "an 8-sided", "an 11-sided", "an 18-sided": the article follows the spoken number. */
const an = (n: number): string => (/^(8|11|18)$/.test(String(n)) ? "an" : "a");

const round2 = (n: number): number => tidy(Math.round(n * 100) / 100);

/** Areas, volumes, angles and right triangles, all computed from the formulas. */
export function geometryDrafts(): Draft[] {
  const rand = prng(111);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number): DraftMeta => ({
    category: CATEGORY,
    tags: ["geometry", ...tags],
    difficulty,
    bloomLevel: "apply",
  });

  for (const [w, h] of [
    [4, 7],
    [6, 9],
    [12, 5],
    [8, 8],
    [15, 4],
    [11, 13],
  ] as [number, number][]) {
    drafts.push(
      numeric(
        {
          ...base(["area", "rectangle"], 1),
          text: `What is the area of a ${w} cm by ${h} cm rectangle, in cm²?`,
          explanation: `Area = width × height = ${w} × ${h} = ${w * h} cm².`,
        },
        w * h,
      ),
      numeric(
        {
          ...base(["perimeter", "rectangle"], 1),
          text: `What is the perimeter of a ${w} cm by ${h} cm rectangle, in cm?`,
          explanation: `Perimeter = 2 × (${w} + ${h}) = ${2 * (w + h)} cm.`,
        },
        2 * (w + h),
      ),
    );
  }

  for (const [b, h] of [
    [6, 4],
    [10, 7],
    [9, 8],
    [14, 5],
    [12, 11],
  ] as [number, number][]) {
    drafts.push(
      numeric(
        {
          ...base(["area", "triangle"], 2),
          text: `A triangle has base ${b} m and height ${h} m. What is its area in m²?`,
          explanation: `Area = ½ × base × height = ½ × ${b} × ${h} = ${(b * h) / 2} m².`,
        },
        (b * h) / 2,
        0.001,
      ),
    );
  }

  // Circles: answers to two decimal places, so the tolerance covers correct rounding.
  for (const r of [1, 2, 3, 5, 7, 10]) {
    const area = round2(Math.PI * r * r);
    const circumference = round2(2 * Math.PI * r);
    drafts.push(
      numeric(
        {
          ...base(["area", "circle"], 3),
          text: `What is the area of a circle of radius ${r} cm, in cm², to two decimal places?`,
          explanation: `Area = πr² = π × ${r * r} ≈ ${area} cm².`,
        },
        area,
        0.01,
      ),
      numeric(
        {
          ...base(["circumference", "circle"], 3),
          text: `What is the circumference of a circle of radius ${r} cm, in cm, to two decimal places?`,
          explanation: `Circumference = 2πr = ${2 * r}π ≈ ${circumference} cm.`,
        },
        circumference,
        0.01,
      ),
    );
  }

  for (let s = 2; s <= 9; s++) {
    drafts.push(
      numberChoice(
        {
          ...base(["volume", "cube"], 2),
          text: `What is the volume of a cube with ${s} cm edges, in cm³?`,
          explanation: `Volume = edge³ = ${s}³ = ${s ** 3} cm³.`,
        },
        s ** 3,
        [s * s, 3 * s, 6 * s * s, s ** 3 + s, s ** 3 - s],
        rand,
      ),
    );
  }

  // Pythagorean triples, so the hypotenuse is a whole number.
  for (const [a, b, c] of [
    [3, 4, 5],
    [6, 8, 10],
    [5, 12, 13],
    [8, 15, 17],
    [7, 24, 25],
    [9, 12, 15],
    [20, 21, 29],
    [12, 16, 20],
  ]) {
    drafts.push(
      numeric(
        {
          ...base(["pythagoras", "triangle"], 3),
          text: `A right triangle has legs ${a} and ${b}. How long is its hypotenuse?`,
          explanation: `√(${a}² + ${b}²) = √${(a as number) ** 2 + (b as number) ** 2} = ${c}.`,
        },
        c as number,
      ),
    );
  }

  for (const [a, b, c] of [
    [3, 4, 5],
    [4, 5, 6],
    [5, 12, 13],
    [6, 8, 11],
    [8, 15, 17],
    [7, 8, 12],
    [9, 40, 41],
    [2, 3, 4],
    [12, 35, 37],
    [10, 24, 27],
  ] as [number, number, number][]) {
    const right = a * a + b * b === c * c;
    drafts.push(
      trueFalse(
        {
          ...base(["pythagoras", "triangle"], 4),
          bloomLevel: "analyze",
          text: `A triangle with sides ${a}, ${b} and ${c} is a right triangle.`,
          explanation: `${a}² + ${b}² = ${a * a + b * b}, and ${c}² = ${c * c}: ${right ? "equal, so it is" : "not equal, so it is not"} a right triangle.`,
        },
        right,
      ),
    );
  }

  for (let n = 3; n <= 12; n++) {
    drafts.push(
      numeric(
        {
          ...base(["angles", "polygons"], 3),
          text: `What is the sum of the interior angles of ${an(n)} ${n}-sided polygon, in degrees?`,
          explanation: `(n − 2) × 180° = ${n - 2} × 180° = ${(n - 2) * 180}°.`,
        },
        (n - 2) * 180,
      ),
    );
  }

  // The exterior angle and the angle sum are the usual slips for a regular polygon's angle.
  for (const n of [5, 6, 8, 9, 10, 12, 15, 18]) {
    const angle = 180 - 360 / n;
    drafts.push(
      numberChoice(
        {
          ...base(["angles", "polygons"], 4),
          text: `What is each interior angle of a regular ${n}-sided polygon, in degrees?`,
          explanation: `The angles sum to ${(n - 2) * 180}°; divided by ${n} that is ${angle}°.`,
        },
        angle,
        [360 / n, (n - 2) * 180, angle + 10, angle - 10, angle + 20, angle - 20],
        rand,
        (x) => `${x}°`,
      ),
    );
  }
  return drafts;
}
