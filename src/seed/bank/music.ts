import { type Draft, type DraftMeta, numeric, pickOthers, pickSome, prng, selectAll, singleChoice } from "../draft.ts";

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

/** Major keys by key signature: positive counts are sharps, negative are flats. */
const MAJOR_KEYS: [key: string, accidentals: number][] = [
  ["C", 0],
  ["G", 1],
  ["D", 2],
  ["A", 3],
  ["E", 4],
  ["B", 5],
  ["F♯", 6],
  ["C♯", 7],
  ["F", -1],
  ["B♭", -2],
  ["E♭", -3],
  ["A♭", -4],
  ["D♭", -5],
  ["G♭", -6],
  ["C♭", -7],
];

/** Note values as fractions of a whole note. */
const NOTES: [name: string, wholes: number][] = [
  ["whole note", 1],
  ["half note", 1 / 2],
  ["quarter note", 1 / 4],
  ["eighth note", 1 / 8],
  ["sixteenth note", 1 / 16],
];

const an = (word: string): string => (/^[aeiou]/.test(word) ? "an" : "a");

const signature = (n: number): string =>
  n === 0 ? "no sharps or flats" : `${Math.abs(n)} ${n > 0 ? "sharp" : "flat"}${Math.abs(n) === 1 ? "" : "s"}`;

export function musicDrafts(): Draft[] {
  const rand = prng(1010);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });
  const intervalNames = INTERVALS.map(([n]) => n);
  const s = (n: number) => (n === 1 ? "" : "s");

  for (const [name, semitones] of INTERVALS) {
    drafts.push(
      numeric(
        {
          ...base(["intervals", "theory"], semitones === 12 ? 2 : 4, "remember"),
          text: `How many semitones span ${an(name)} ${name}?`,
          explanation: `${an(name) === "an" ? "An" : "A"} ${name} spans ${semitones} semitone${s(semitones)}.`,
        },
        semitones,
      ),
      singleChoice(
        {
          ...base(["intervals", "theory"], semitones === 12 ? 2 : 4, "apply"),
          text: `Which interval spans ${semitones} semitone${s(semitones)}?`,
          explanation: `${semitones} semitone${s(semitones)} make ${an(name)} ${name}.`,
        },
        name,
        pickOthers(intervalNames, name, 3, rand),
        rand,
      ),
    );
  }

  const keyNames = MAJOR_KEYS.map(([k]) => `${k} major`);
  const signatures = MAJOR_KEYS.map(([, n]) => signature(n));
  for (const [key, n] of MAJOR_KEYS) {
    const explanation = `${key} major has ${signature(n)}.`;
    const difficulty = Math.abs(n) <= 1 ? 2 : Math.abs(n) <= 4 ? 3 : 5;
    drafts.push(
      singleChoice(
        {
          ...base(["keys", "theory"], difficulty, "remember"),
          text: `What is the key signature of ${key} major?`,
          explanation,
        },
        signature(n),
        pickOthers(signatures, signature(n), 3, rand),
        rand,
      ),
      singleChoice(
        {
          ...base(["keys", "theory"], difficulty, "remember"),
          text: `Which major key has ${signature(n)}?`,
          explanation,
        },
        `${key} major`,
        pickOthers(keyNames, `${key} major`, 3, rand),
        rand,
      ),
    );
  }
  for (let round = 0; round < 4; round++) {
    const options = pickSome(MAJOR_KEYS, 6, rand);
    const flats = round % 2 === 1;
    drafts.push(
      ...selectAll(
        {
          ...base(["keys", "theory"], 4, "analyze"),
          text: `Select every major key whose signature has ${flats ? "flats" : "sharps"}.`,
          explanation: options.map(([k, n]) => `${k} major: ${signature(n)}`).join("; "),
        },
        options.map(([k, n]) => [`${k} major`, flats ? n < 0 : n > 0]),
      ),
    );
  }

  // Durations: how many of the shorter note fill the longer one, computed from the fractions.
  for (const [long, lw] of NOTES) {
    for (const [short, sw] of NOTES) {
      if (sw >= lw) continue;
      drafts.push(
        numeric(
          {
            ...base(["rhythm", "notation"], lw / sw > 4 ? 3 : 2, "apply"),
            text: `How many ${short}s last as long as one ${long}?`,
            explanation: `A ${short} is 1/${1 / sw} of a whole note${lw === 1 ? "" : ` and a ${long} is 1/${1 / lw}`}, so ${lw / sw} fit.`,
          },
          lw / sw,
        ),
      );
    }
  }
  drafts.push(
    numeric(
      {
        ...base(["notation"], 1, "remember"),
        text: "How many lines does a standard music staff have?",
        explanation: "The modern staff has five lines and four spaces.",
      },
      5,
    ),
    numeric(
      {
        ...base(["rhythm", "notation"], 2, "understand"),
        text: "In 4/4 time, how many quarter-note beats are in one bar?",
        explanation: "The top number gives 4 beats; the bottom number makes the quarter note the beat.",
      },
      4,
    ),
    numeric(
      {
        ...base(["rhythm", "notation"], 3, "understand"),
        text: "In 3/4 time, how many eighth notes fill one bar?",
        explanation: "Three quarter notes per bar, each worth two eighth notes: 6.",
      },
      6,
    ),
  );
  return drafts;
}
