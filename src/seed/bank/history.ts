import { type Draft, numeric, prng, singleChoice } from "../draft.ts";

const CATEGORY = "history";

/** Events with undisputed years. */
const EVENTS: [event: string, year: number, difficulty: number][] = [
  ["Christopher Columbus first reached the Americas", 1492, 2],
  ["the Magna Carta was sealed", 1215, 4],
  ["the United States Declaration of Independence was adopted", 1776, 2],
  ["the storming of the Bastille began the French Revolution", 1789, 3],
  ["the Battle of Waterloo was fought", 1815, 4],
  ["the Wright brothers made the first powered flight", 1903, 3],
  ["the Titanic sank", 1912, 2],
  ["the First World War began", 1914, 2],
  ["the Second World War ended", 1945, 1],
  ["Apollo 11 landed people on the Moon", 1969, 1],
  ["the Berlin Wall fell", 1989, 2],
  ["the Soviet Union was dissolved", 1991, 3],
  ["the Western Roman Empire ended with the deposition of Romulus Augustulus", 476, 5],
  ["the Norman conquest of England began at the Battle of Hastings", 1066, 4],
];

export function historyDrafts(): Draft[] {
  const rand = prng(707);
  return EVENTS.flatMap(([event, year, difficulty]) => [
    numeric(
      {
        text: `In which year ${event}?`,
        explanation: `It happened in ${year}.`,
        category: CATEGORY,
        tags: ["dates"],
        difficulty: Math.min(5, difficulty + 1),
        bloomLevel: "remember",
      },
      year,
    ),
    singleChoice(
      {
        text: `Which year is right: ${event} in …?`,
        explanation: `It happened in ${year}.`,
        category: CATEGORY,
        tags: ["dates"],
        difficulty,
        bloomLevel: "remember",
      },
      String(year),
      [String(year - 11), String(year + 7), String(year + 23)],
      rand,
    ),
  ]);
}
