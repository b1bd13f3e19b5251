import { type Draft, type DraftMeta, pickSome, prng, selectAll, shortAnswer, singleChoice } from "../draft.ts";

/** English grammar sits with the other languages. */
const CATEGORY = "languages";

/** Irregular plurals; every listed form is standard English. */
const PLURALS: [singular: string, plurals: string[], difficulty: number][] = [
  ["child", ["children"], 1],
  ["mouse", ["mice"], 1],
  ["goose", ["geese"], 2],
  ["foot", ["feet"], 1],
  ["tooth", ["teeth"], 1],
  ["woman", ["women"], 1],
  ["person", ["people", "persons"], 1],
  ["ox", ["oxen"], 3],
  ["sheep", ["sheep"], 2],
  ["leaf", ["leaves"], 2],
  ["knife", ["knives"], 2],
  ["wolf", ["wolves"], 2],
  ["criterion", ["criteria"], 4],
  ["phenomenon", ["phenomena"], 4],
  ["analysis", ["analyses"], 4],
  ["crisis", ["crises"], 4],
  ["thesis", ["theses"], 4],
  ["cactus", ["cacti", "cactuses"], 3],
];

/**
 * Forms no dictionary lists as a plural. Naive "+s" forms are not used blindly: some are
 * verbs ("wolfs", "knifes") or accepted variants ("criterions", "mouses" for devices).
 */
const WRONG_PLURALS = [
  "childs",
  "childrens",
  "foots",
  "feets",
  "tooths",
  "teeths",
  "womans",
  "sheeps",
  "mices",
  "geeses",
  "analysises",
  "crisises",
  "thesises",
];

/** Irregular verbs: base, simple past, past participle. */
const VERBS: [base: string, past: string, participle: string, difficulty: number][] = [
  ["go", "went", "gone", 1],
  ["see", "saw", "seen", 1],
  ["write", "wrote", "written", 2],
  ["take", "took", "taken", 1],
  ["begin", "began", "begun", 3],
  ["swim", "swam", "swum", 3],
  ["drink", "drank", "drunk", 3],
  ["sing", "sang", "sung", 3],
  ["eat", "ate", "eaten", 2],
  ["fly", "flew", "flown", 2],
  ["choose", "chose", "chosen", 3],
  ["freeze", "froze", "frozen", 3],
  ["ride", "rode", "ridden", 3],
  ["speak", "spoke", "spoken", 2],
  ["bring", "brought", "brought", 2],
  ["think", "thought", "thought", 2],
  ["catch", "caught", "caught", 2],
  ["teach", "taught", "taught", 2],
  ["buy", "bought", "bought", 2],
  ["run", "ran", "run", 2],
];

/** The over-regularized form learners produce ("goed", "taked"): wrong for every verb above. */
const regularized = (verb: string): string => (verb.endsWith("e") ? `${verb}d` : `${verb}ed`);

export function englishDrafts(): Draft[] {
  const rand = prng(818);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags: ["english", ...tags],
    difficulty,
    bloomLevel,
  });

  for (const [singular, plurals, difficulty] of PLURALS) {
    drafts.push(
      shortAnswer(
        {
          ...base(["plurals", "grammar"], difficulty, "remember"),
          text: `What is the plural of "${singular}"?`,
          explanation: `The plural of "${singular}" is "${plurals.join('" or "')}".`,
        },
        plurals,
      ),
    );
  }
  for (let round = 0; round < 6; round++) {
    const right = pickSome(PLURALS, 3, rand).map(([, p]) => p[0] as string);
    const wrong = pickSome(WRONG_PLURALS, 3, rand);
    const options = pickSome([...right, ...wrong], right.length + wrong.length, rand);
    drafts.push(
      ...selectAll(
        {
          ...base(["plurals", "grammar"], 3, "analyze"),
          text: `Select every correct English plural: ${options.join(", ")}.`,
          explanation: `Correct: ${right.join(", ")}. Not standard: ${wrong.join(", ")}.`,
        },
        options.map((o) => [o, right.includes(o)]),
      ),
    );
  }

  for (const [verb, past, participle, difficulty] of VERBS) {
    const explanation = `${verb} – ${past} – ${participle}.`;
    drafts.push(
      shortAnswer(
        {
          ...base(["verbs", "grammar"], difficulty, "remember"),
          text: `What is the simple past tense of "${verb}"?`,
          explanation,
        },
        [past],
      ),
      shortAnswer(
        {
          ...base(["verbs", "grammar"], Math.min(5, difficulty + 1), "remember"),
          text: `What is the past participle of "${verb}"?`,
          explanation,
        },
        [participle],
      ),
    );
    if (past !== participle) {
      drafts.push(
        singleChoice(
          {
            ...base(["verbs", "grammar"], difficulty + 1, "understand"),
            text: `Complete the sentence: "Yesterday I ___ (${verb})."`,
            explanation: `The simple past of "${verb}" is "${past}"; "${participle}" is the participle, used after "have".`,
          },
          past,
          [participle, regularized(verb), verb === participle ? `${verb}s` : verb],
          rand,
        ),
        singleChoice(
          {
            ...base(["verbs", "grammar"], difficulty + 1, "understand"),
            text: `Complete the sentence: "I have already ___ (${verb})."`,
            explanation: `After "have" comes the past participle, "${participle}"; "${past}" is the simple past.`,
          },
          participle,
          [past, regularized(verb), verb === participle ? `${verb}s` : verb],
          rand,
        ),
      );
    }
  }
  return drafts;
}
