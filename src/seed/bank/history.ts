import { type Draft, type DraftMeta, numberChoice, numeric, pickSome, prng, selectAll, trueFalse } from "../draft.ts";

const CATEGORY = "history";

/** Events with an undisputed year, as noun phrases so every template below reads well. */
const EVENTS: [event: string, year: number, difficulty: number][] = [
  ["the deposition of Romulus Augustulus (the last Western Roman emperor)", 476, 5],
  ["the Battle of Hastings", 1066, 3],
  ["the sealing of Magna Carta", 1215, 4],
  ["the fall of Constantinople to the Ottomans", 1453, 4],
  ["Christopher Columbus's first landing in the Americas", 1492, 2],
  ["the publication of Martin Luther's Ninety-five Theses", 1517, 4],
  ["the defeat of the Spanish Armada", 1588, 4],
  ["the Great Fire of London", 1666, 3],
  ["the adoption of the United States Declaration of Independence", 1776, 2],
  ["the storming of the Bastille", 1789, 3],
  ["the coronation of Napoleon as Emperor of the French", 1804, 4],
  ["the Battle of Waterloo", 1815, 3],
  ["the end of the American Civil War", 1865, 3],
  ["the opening of the Suez Canal", 1869, 4],
  ["the Wright brothers' first powered flight", 1903, 3],
  ["the sinking of the Titanic", 1912, 2],
  ["the outbreak of the First World War", 1914, 1],
  ["the October Revolution in Russia", 1917, 3],
  ["the signing of the Treaty of Versailles", 1919, 3],
  ["the Wall Street Crash", 1929, 3],
  ["the outbreak of the Second World War", 1939, 1],
  ["the end of the Second World War", 1945, 1],
  ["the independence of India", 1947, 3],
  ["the launch of Sputnik 1", 1957, 4],
  ["the start of construction of the Berlin Wall", 1961, 4],
  ["the Apollo 11 Moon landing", 1969, 1],
  ["the Chernobyl nuclear disaster", 1986, 3],
  ["the fall of the Berlin Wall", 1989, 2],
  ["the reunification of Germany", 1990, 3],
  ["the dissolution of the Soviet Union", 1991, 3],
  ["Nelson Mandela's inauguration as President of South Africa", 1994, 3],
  ["the introduction of euro banknotes and coins", 2002, 3],
];

const capitalize = (s: string): string => `${s[0]?.toUpperCase()}${s.slice(1)}`;
const ordinal = (n: number): string =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
/** Years 1901..2000 are the 20th century; none of the years above is a round hundred. */
const century = (year: number): number => Math.ceil(year / 100);

export function historyDrafts(): Draft[] {
  const rand = prng(707);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  for (const [event, year, difficulty] of EVENTS) {
    const explanation = `${capitalize(event)} took place in ${year}.`;
    drafts.push(
      numeric(
        {
          ...base(["dates"], Math.min(5, difficulty + 1), "remember"),
          text: `In which year did ${event} take place?`,
          explanation,
        },
        year,
      ),
      numberChoice(
        { ...base(["dates"], difficulty, "remember"), text: `When did ${event} take place?`, explanation },
        year,
        [year - 1, year + 1, year - 10, year + 10, year - 25, year + 25, year - 50, year + 50],
        rand,
      ),
      numeric(
        {
          ...base(["dates", "centuries"], Math.min(5, difficulty + 1), "understand"),
          text: `In which century did ${event} take place? Answer with the number, e.g. 20 for the 20th century.`,
          explanation: `${year} falls in the ${ordinal(century(year))} century.`,
        },
        century(year),
      ),
    );
  }

  // Chronology: pairs and sets compared by year, never with ties.
  const asked = new Set<string>();
  for (let round = 0; round < 40; round++) {
    const [a, b] = pickSome(EVENTS, 2, rand) as [(typeof EVENTS)[number], (typeof EVENTS)[number]];
    if (a[1] === b[1] || asked.has(`${a[0]}|${b[0]}`)) continue;
    asked.add(`${a[0]}|${b[0]}`);
    drafts.push(
      trueFalse(
        {
          ...base(["chronology"], Math.abs(a[1] - b[1]) < 30 ? 4 : 2, "analyze"),
          text: `${capitalize(a[0])} happened before ${b[0]}.`,
          explanation: `${capitalize(a[0])}: ${a[1]}; ${b[0]}: ${b[1]}.`,
        },
        a[1] < b[1],
      ),
    );
  }
  for (const cutoff of [1500, 1700, 1800, 1900, 1950]) {
    for (let round = 0; round < 2; round++) {
      const options = pickSome(EVENTS, 5, rand).sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
      const shuffled = pickSome(options, options.length, rand);
      drafts.push(
        ...selectAll(
          {
            ...base(["chronology"], 4, "analyze"),
            text: `Select every event that took place before ${cutoff}.`,
            explanation: options.map(([e, y]) => `${capitalize(e)}: ${y}`).join("; "),
          },
          shuffled.map(([e, y]) => [capitalize(e), y < cutoff]),
        ),
      );
    }
  }
  return drafts;
}
