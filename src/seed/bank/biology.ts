import { type Draft, type DraftMeta, numeric, pickSome, prng, selectAll, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "biology";

/** Everyday vertebrate groups; "fish" is a group, not one class, hence the wording below. */
type Group = "mammal" | "bird" | "reptile" | "amphibian" | "fish";
const GROUPS: Group[] = ["mammal", "bird", "reptile", "amphibian", "fish"];

const ANIMALS: [animal: string, group: Group, difficulty: number][] = [
  ["dolphin", "mammal", 2],
  ["bat", "mammal", 2],
  ["whale", "mammal", 2],
  ["horse", "mammal", 1],
  ["platypus", "mammal", 4],
  ["kangaroo", "mammal", 1],
  ["penguin", "bird", 2],
  ["eagle", "bird", 1],
  ["ostrich", "bird", 2],
  ["owl", "bird", 1],
  ["kiwi", "bird", 3],
  ["crocodile", "reptile", 2],
  ["snake", "reptile", 1],
  ["turtle", "reptile", 2],
  ["lizard", "reptile", 1],
  ["frog", "amphibian", 2],
  ["salamander", "amphibian", 3],
  ["newt", "amphibian", 4],
  ["toad", "amphibian", 2],
  ["shark", "fish", 2],
  ["salmon", "fish", 1],
  ["seahorse", "fish", 4],
  ["tuna", "fish", 1],
];

const LEGS: [animal: string, legs: number, difficulty: number][] = [
  ["an insect", 6, 2],
  ["a spider", 8, 2],
  ["a human", 2, 1],
  ["a cat", 4, 1],
];

export function biologyDrafts(): Draft[] {
  const rand = prng(909);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  for (const [animal, group, difficulty] of ANIMALS) {
    const explanation = `The ${animal} is ${group === "amphibian" ? "an" : "a"} ${group}.`;
    drafts.push(
      singleChoice(
        {
          ...base(["classification", "vertebrates"], difficulty, "understand"),
          text: `Which group of vertebrates does the ${animal} belong to?`,
          explanation,
        },
        group,
        GROUPS.filter((g) => g !== group),
        rand,
      ),
      trueFalse(
        {
          ...base(["classification", "mammals"], difficulty, "understand"),
          text: `The ${animal} is a mammal.`,
          explanation,
        },
        group === "mammal",
      ),
    );
  }
  for (const group of GROUPS) {
    for (let round = 0; round < 2; round++) {
      const options = pickSome(ANIMALS, 6, rand);
      drafts.push(
        ...selectAll(
          {
            ...base(["classification"], 3, "analyze"),
            text: `Select every ${group}: ${options.map(([a]) => a).join(", ")}.`,
            explanation: options.map(([a, g]) => `${a}: ${g}`).join("; "),
          },
          options.map(([a, g]) => [a, g === group]),
        ),
      );
    }
  }

  for (const [animal, legs, difficulty] of LEGS) {
    drafts.push(
      numeric(
        {
          ...base(["anatomy"], difficulty, "remember"),
          text: `How many legs does ${animal} have?`,
          explanation: `${animal[0]?.toUpperCase()}${animal.slice(1)} has ${legs} legs.`,
        },
        legs,
      ),
    );
  }
  return drafts;
}
