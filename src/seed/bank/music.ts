import { type Draft, numeric, pickOthers, prng, singleChoice } from "../draft.ts";

const CATEGORY = "music";

/** Interval names and their size in semitones (equal temperament). */
const INTERVALS: [name: string, semitones: number][] = [
  ["minor second", 1],
  ["major second", 2],
  ["minor third", 3],
  ["major third", 4],
  ["perfect fourth", 5],
  ["tritone", 6],
  ["perfect fifth", 7],
  ["minor sixth", 8],
  ["major sixth", 9],
  ["minor seventh", 10],
  ["major seventh", 11],
  ["octave", 12],
];

export function musicDrafts(): Draft[] {
  const rand = prng(1010);
  const names = INTERVALS.map(([n]) => n);
  const drafts: Draft[] = INTERVALS.flatMap(([name, semitones]) => [
    numeric(
      {
        text: `How many semitones span a ${name}?`,
        explanation: `A ${name} spans ${semitones} semitone${semitones === 1 ? "" : "s"}.`,
        category: CATEGORY,
        tags: ["intervals", "theory"],
        difficulty: semitones === 12 ? 2 : 4,
        bloomLevel: "remember",
      },
      semitones,
    ),
    singleChoice(
      {
        text: `Which interval spans ${semitones} semitone${semitones === 1 ? "" : "s"}?`,
        explanation: `${semitones} semitone${semitones === 1 ? "" : "s"} make a ${name}.`,
        category: CATEGORY,
        tags: ["intervals", "theory"],
        difficulty: semitones === 12 ? 2 : 5,
        bloomLevel: "apply",
      },
      name,
      pickOthers(names, name, 3, rand),
      rand,
    ),
  ]);
  drafts.push(
    numeric(
      {
        text: "How many lines does a standard music staff have?",
        explanation: "The modern staff has five lines and four spaces.",
        category: CATEGORY,
        tags: ["notation"],
        difficulty: 1,
        bloomLevel: "remember",
      },
      5,
    ),
  );
  return drafts;
}
