import {
  type Draft,
  type DraftMeta,
  numeric,
  pickOthers,
  pickSome,
  prng,
  selectAll,
  shortAnswer,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "chemistry";

/** Atomic number, symbol, name (IUPAC spelling). */
const ELEMENTS: [z: number, symbol: string, name: string][] = [
  [1, "H", "Hydrogen"],
  [2, "He", "Helium"],
  [3, "Li", "Lithium"],
  [4, "Be", "Beryllium"],
  [5, "B", "Boron"],
  [6, "C", "Carbon"],
  [7, "N", "Nitrogen"],
  [8, "O", "Oxygen"],
  [9, "F", "Fluorine"],
  [10, "Ne", "Neon"],
  [11, "Na", "Sodium"],
  [12, "Mg", "Magnesium"],
  [13, "Al", "Aluminium"],
  [14, "Si", "Silicon"],
  [15, "P", "Phosphorus"],
  [16, "S", "Sulfur"],
  [17, "Cl", "Chlorine"],
  [18, "Ar", "Argon"],
  [19, "K", "Potassium"],
  [20, "Ca", "Calcium"],
  [22, "Ti", "Titanium"],
  [24, "Cr", "Chromium"],
  [25, "Mn", "Manganese"],
  [26, "Fe", "Iron"],
  [27, "Co", "Cobalt"],
  [28, "Ni", "Nickel"],
  [29, "Cu", "Copper"],
  [30, "Zn", "Zinc"],
  [35, "Br", "Bromine"],
  [36, "Kr", "Krypton"],
  [47, "Ag", "Silver"],
  [50, "Sn", "Tin"],
  [51, "Sb", "Antimony"],
  [53, "I", "Iodine"],
  [54, "Xe", "Xenon"],
  [74, "W", "Tungsten"],
  [78, "Pt", "Platinum"],
  [79, "Au", "Gold"],
  [80, "Hg", "Mercury"],
  [82, "Pb", "Lead"],
  [86, "Rn", "Radon"],
  [92, "U", "Uranium"],
];

const NOBLE_GASES = new Set(["He", "Ne", "Ar", "Kr", "Xe", "Rn"]);

/** Symbols not taken from the English name are the hard ones; the name they come from. */
const SYMBOL_ORIGINS: Record<string, string> = {
  Na: "natrium",
  K: "kalium",
  Fe: "ferrum",
  Cu: "cuprum",
  Ag: "argentum",
  Sn: "stannum",
  Sb: "stibium",
  W: "wolfram",
  Au: "aurum",
  Hg: "hydrargyrum",
  Pb: "plumbum",
};

const SPELLINGS: Record<string, string[]> = { Al: ["Aluminum"], S: ["Sulphur"] };

/** Name, formula, hand-picked wrong formulas, and whether it is ionic (no "molecule" to count). */
const COMPOUNDS: [name: string, formula: string, wrong: string[], ionic: boolean][] = [
  ["water", "H₂O", ["H₂O₂", "HO₂", "OH"], false],
  ["hydrogen peroxide", "H₂O₂", ["H₂O", "HO₂", "H₂O₃"], false],
  ["carbon dioxide", "CO₂", ["CO", "C₂O", "CO₃"], false],
  ["carbon monoxide", "CO", ["CO₂", "C₂O", "CO₃"], false],
  ["methane", "CH₄", ["CH₃", "C₂H₆", "CH₂"], false],
  ["ammonia", "NH₃", ["NH₄", "N₂H", "NO₃"], false],
  ["ozone", "O₃", ["O₂", "O₄", "CO₃"], false],
  ["sulfuric acid", "H₂SO₄", ["H₂SO₃", "HSO₄", "H₂S"], false],
  ["hydrogen chloride", "HCl", ["HClO", "H₂Cl", "HCl₂"], false],
  ["glucose", "C₆H₁₂O₆", ["C₆H₆O₆", "C₁₂H₂₂O₁₁", "C₆H₁₀O₅"], false],
  ["ethanol", "C₂H₅OH", ["CH₃OH", "C₂H₄O", "C₃H₇OH"], false],
  ["sodium chloride", "NaCl", ["NaCl₂", "Na₂Cl", "KCl"], true],
  ["calcium carbonate", "CaCO₃", ["CaCO₂", "Ca₂CO₃", "CaO"], true],
  ["sodium hydroxide", "NaOH", ["NaO", "NaH", "KOH"], true],
];

const SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

/** Atoms in one formula unit, counted from the formula itself (symbol, optional subscript). */
function atomCount(formula: string): number {
  let total = 0;
  for (const [, digits] of formula.matchAll(/[A-Z][a-z]?([₀-₉]*)/g)) {
    total += digits ? Number([...digits].map((d) => SUBSCRIPTS.indexOf(d)).join("")) : 1;
  }
  return total;
}

export function chemistryDrafts(): Draft[] {
  const rand = prng(404);
  const symbols = ELEMENTS.map(([, s]) => s);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"] = "remember"): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  ELEMENTS.forEach(([z, symbol, name], i) => {
    const origin = SYMBOL_ORIGINS[symbol];
    const lower = name.toLowerCase();
    // Neighbours in the table are the plausible wrong answers for an atomic number.
    const neighbours = ELEMENTS.slice(Math.max(0, i - 3), i + 4).map(([, , n]) => n);
    drafts.push(
      singleChoice(
        {
          ...base(["elements", "symbols"], origin ? 3 : 1),
          text: `What is the chemical symbol for ${lower}?`,
          explanation: `${name} is ${symbol}${origin ? `, from ${origin}` : ""}.`,
        },
        symbol,
        pickOthers(symbols, symbol, 3, rand),
        rand,
      ),
      numeric(
        {
          ...base(["elements", "atomic number"], z <= 10 ? 2 : z <= 30 ? 4 : 5),
          text: `What is the atomic number of ${lower}?`,
          explanation: `${name} (${symbol}) has ${z} protons.`,
        },
        z,
      ),
      singleChoice(
        {
          ...base(["elements", "atomic number"], z <= 10 ? 2 : 4),
          text: `Which element has atomic number ${z}?`,
          explanation: `Atomic number ${z} is ${lower} (${symbol}).`,
        },
        name,
        pickOthers(neighbours, name, 3, rand),
        rand,
      ),
      shortAnswer(
        {
          ...base(["elements", "symbols"], origin ? 3 : 2),
          text: `Which element has the symbol ${symbol}?`,
          explanation: `${symbol} is ${lower}${origin ? `, from ${origin}` : ""}.`,
        },
        [name, ...(SPELLINGS[symbol] ?? [])],
      ),
      trueFalse(
        {
          ...base(["periodic table", "noble gases"], 2, "understand"),
          text: `${name} is a noble gas.`,
          explanation: `The noble gases (group 18) are ${[...NOBLE_GASES].join(", ")} and Og; ${symbol} ${NOBLE_GASES.has(symbol) ? "is" : "is not"} one.`,
        },
        NOBLE_GASES.has(symbol),
      ),
    );
  });

  // Two or three noble gases among six, the rest drawn from the other elements.
  const nobles = ELEMENTS.filter(([, s]) => NOBLE_GASES.has(s));
  const others = ELEMENTS.filter(([, s]) => !NOBLE_GASES.has(s));
  for (let round = 0; round < 8; round++) {
    const picked = pickSome(nobles, 2 + (round % 2), rand);
    const group = [...picked, ...pickSome(others, 6 - picked.length, rand)].sort((a, b) => a[0] - b[0]);
    drafts.push(
      ...selectAll(
        {
          ...base(["periodic table", "noble gases"], 3, "analyze"),
          text: `Select every noble gas: ${group.map(([, , n]) => n.toLowerCase()).join(", ")}.`,
          explanation: `The noble gases here: ${group
            .filter(([, s]) => NOBLE_GASES.has(s))
            .map(([, , n]) => n.toLowerCase())
            .join(", ")}.`,
        },
        group.map(([, s, n]) => [n, NOBLE_GASES.has(s)]),
      ),
    );
  }

  const names = COMPOUNDS.map(([n]) => n);
  for (const [name, formula, wrong, ionic] of COMPOUNDS) {
    drafts.push(
      singleChoice(
        {
          ...base(["compounds", "formulas"], 3),
          text: `What is the chemical formula of ${name}?`,
          explanation: `${name[0]?.toUpperCase()}${name.slice(1)} is ${formula}.`,
        },
        formula,
        wrong,
        rand,
      ),
      singleChoice(
        {
          ...base(["compounds", "formulas"], 3, "understand"),
          text: `Which compound has the formula ${formula}?`,
          explanation: `${formula} is ${name}.`,
        },
        name,
        pickOthers(names, name, 3, rand),
        rand,
      ),
    );
    if (!ionic) {
      const n = atomCount(formula);
      drafts.push(
        numeric(
          {
            ...base(["compounds", "formulas"], 4, "apply"),
            text: `How many atoms are in one molecule of ${name} (${formula})?`,
            explanation: `Adding the atoms of ${formula} gives ${n}.`,
          },
          n,
        ),
      );
    }
  }
  drafts.push(
    numeric(
      {
        ...base(["acids and bases", "ph"], 2),
        text: "What is the pH of pure water at 25 °C?",
        explanation: "Pure water at 25 °C is neutral: pH 7.",
      },
      7,
    ),
  );
  return drafts;
}
