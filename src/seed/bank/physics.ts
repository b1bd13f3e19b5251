import {
  type Draft,
  type DraftMeta,
  numeric,
  pickOthers,
  pickSome,
  prng,
  selectAll,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "physics";

/** SI units of derived quantities. */
const UNITS: [quantity: string, unit: string][] = [
  ["force", "newton"],
  ["energy", "joule"],
  ["power", "watt"],
  ["electric charge", "coulomb"],
  ["electric potential difference", "volt"],
  ["electrical resistance", "ohm"],
  ["frequency", "hertz"],
  ["pressure", "pascal"],
];

const BASE_UNITS = ["metre", "kilogram", "second", "ampere", "kelvin", "mole", "candela"];

export function physicsDrafts(): Draft[] {
  const rand = prng(616);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  const unitNames = [...UNITS.map(([, u]) => u), ...BASE_UNITS];
  for (const [quantity, unit] of UNITS) {
    drafts.push(
      singleChoice(
        {
          ...base(["si units"], 2, "remember"),
          text: `What is the SI unit of ${quantity}?`,
          explanation: `${quantity[0]?.toUpperCase()}${quantity.slice(1)} is measured in ${unit}s.`,
        },
        unit,
        pickOthers(unitNames, unit, 3, rand),
        rand,
      ),
    );
  }
  const derived = UNITS.map(([, u]) => u);
  for (let round = 0; round < 5; round++) {
    const options = pickSome([...pickSome(BASE_UNITS, 3, rand), ...pickSome(derived, 3, rand)], 6, rand);
    drafts.push(
      ...selectAll(
        {
          ...base(["si units"], 4, "understand"),
          text: `Select every SI base unit: ${options.join(", ")}.`,
          explanation: `The seven base units are ${BASE_UNITS.join(", ")}; the others are derived.`,
        },
        options.map((u) => [u, BASE_UNITS.includes(u)]),
      ),
    );
  }

  drafts.push(
    numeric(
      {
        ...base(["light"], 3, "remember"),
        text: "How fast does light travel in a vacuum, in km/s? (An answer within 1,000 km/s counts.)",
        explanation: "Exactly 299,792.458 km/s by the definition of the metre.",
      },
      299_792.458,
      1000,
    ),
    trueFalse(
      {
        ...base(["sound"], 2, "understand"),
        text: "Sound can travel through a vacuum.",
        explanation: "Sound is a vibration of a medium; a vacuum has none.",
      },
      false,
    ),
    trueFalse(
      {
        ...base(["light", "sound"], 1, "understand"),
        text: "Light travels faster than sound in air.",
        explanation: "About 300,000 km/s against about 343 m/s: why thunder follows lightning.",
      },
      true,
    ),
    trueFalse(
      {
        ...base(["forces"], 3, "understand"),
        text: "Without air resistance, a heavy ball and a light ball dropped together land at the same time.",
        explanation: "Gravitational acceleration does not depend on mass.",
      },
      true,
    ),
    trueFalse(
      {
        ...base(["energy"], 3, "understand"),
        text: "Doubling an object's speed doubles its kinetic energy.",
        explanation: "Eₖ = ½mv²: doubling v multiplies Eₖ by four.",
      },
      false,
    ),
  );
  return drafts;
}
