import { type Draft, numeric, pickOthers, prng, selectAll, shortAnswer, singleChoice } from "../draft.ts";

const CATEGORY = "chemistry";

/** Atomic number, symbol, name (IUPAC spelling). */
const ELEMENTS: [number, string, string][] = [
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
  [36, "Kr", "Krypton"],
  [47, "Ag", "Silver"],
  [50, "Sn", "Tin"],
  [54, "Xe", "Xenon"],
  [79, "Au", "Gold"],
  [80, "Hg", "Mercury"],
  [82, "Pb", "Lead"],
];

const NOBLE_GASES = new Set(["He", "Ne", "Ar", "Kr", "Xe"]);

/** Symbols whose letters do not come from the English name are the hard ones to remember. */
const LATIN_SYMBOLS = new Set(["Na", "K", "Fe", "Cu", "Ag", "Sn", "Au", "Hg", "Pb"]);

export function chemistryDrafts(): Draft[] {
  const rand = prng(404);
  const symbols = ELEMENTS.map(([, s]) => s);
  const drafts: Draft[] = [];
  for (const [z, symbol, name] of ELEMENTS) {
    const latin = LATIN_SYMBOLS.has(symbol);
    drafts.push(
      singleChoice(
        {
          text: `What is the chemical symbol for ${name.toLowerCase()}?`,
          explanation: `${name} is ${symbol}${latin ? ", from its Latin name" : ""}.`,
          category: CATEGORY,
          tags: ["elements", "symbols"],
          difficulty: latin ? 3 : 1,
          bloomLevel: "remember",
        },
        symbol,
        pickOthers(symbols, symbol, 3, rand),
        rand,
      ),
      numeric(
        {
          text: `What is the atomic number of ${name.toLowerCase()}?`,
          explanation: `${name} (${symbol}) has ${z} protons.`,
          category: CATEGORY,
          tags: ["elements", "atomic number"],
          difficulty: z <= 10 ? 2 : z <= 30 ? 4 : 5,
          bloomLevel: "remember",
        },
        z,
      ),
      shortAnswer(
        {
          text: `Which element has the symbol ${symbol}?`,
          explanation: `${symbol} is ${name.toLowerCase()}.`,
          category: CATEGORY,
          tags: ["elements", "symbols"],
          difficulty: latin ? 3 : 2,
          bloomLevel: "remember",
        },
        symbol === "Al" ? [name, "Aluminum"] : symbol === "S" ? [name, "Sulphur"] : [name],
      ),
    );
  }
  for (let start = 0; start + 6 <= ELEMENTS.length; start += 5) {
    const group = ELEMENTS.slice(start, start + 6);
    if (!group.some(([, s]) => NOBLE_GASES.has(s))) continue;
    drafts.push(
      selectAll(
        {
          text: `Select every noble gas: ${group.map(([, , n]) => n.toLowerCase()).join(", ")}.`,
          explanation: `The noble gases here: ${group
            .filter(([, s]) => NOBLE_GASES.has(s))
            .map(([, , n]) => n.toLowerCase())
            .join(", ")}.`,
          category: CATEGORY,
          tags: ["periodic table", "noble gases"],
          difficulty: 3,
          bloomLevel: "analyze",
        },
        group.map(([, s, n]) => [n, NOBLE_GASES.has(s)]),
      ),
    );
  }
  return drafts;
}
