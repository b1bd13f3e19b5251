import { type Draft, numeric, prng, selectAll, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "biology";
type AnimalClass = "mammal" | "bird" | "reptile" | "amphibian" | "fish";
const CLASSES: AnimalClass[] = ["mammal", "bird", "reptile", "amphibian", "fish"];

const ANIMALS: [animal: string, cls: AnimalClass, difficulty: number][] = [
  ["dolphin", "mammal", 2],
  ["bat", "mammal", 2],
  ["whale", "mammal", 2],
  ["horse", "mammal", 1],
  ["platypus", "mammal", 4],
  ["penguin", "bird", 2],
  ["eagle", "bird", 1],
  ["ostrich", "bird", 2],
  ["owl", "bird", 1],
  ["crocodile", "reptile", 2],
  ["snake", "reptile", 1],
  ["turtle", "reptile", 2],
  ["frog", "amphibian", 2],
  ["salamander", "amphibian", 3],
  ["newt", "amphibian", 4],
  ["shark", "fish", 2],
  ["salmon", "fish", 1],
  ["seahorse", "fish", 4],
];

const LEGS: [animal: string, legs: number, difficulty: number][] = [
  ["an insect", 6, 2],
  ["a spider", 8, 2],
  ["a crab (counting its claws)", 10, 4],
  ["a human", 2, 1],
  ["a cat", 4, 1],
];

export function biologyDrafts(): Draft[] {
  const rand = prng(909);
  const drafts: Draft[] = [];
  for (const [animal, cls, difficulty] of ANIMALS) {
    drafts.push(
      singleChoice(
        {
          text: `To which class of vertebrates does the ${animal} belong?`,
          explanation: `The ${animal} is a ${cls}.`,
          category: CATEGORY,
          tags: ["classification", "vertebrates"],
          difficulty,
          bloomLevel: "understand",
        },
        cls,
        CLASSES.filter((c) => c !== cls),
        rand,
      ),
      trueFalse(
        {
          text: `The ${animal} is a mammal.`,
          explanation: `The ${animal} is a ${cls}.`,
          category: CATEGORY,
          tags: ["classification", "mammals"],
          difficulty,
          bloomLevel: "understand",
        },
        cls === "mammal",
      ),
    );
  }
  for (let start = 0; start + 5 <= ANIMALS.length; start += 3) {
    const group = ANIMALS.slice(start, start + 5);
    const cls = (group[0] as [string, AnimalClass, number])[1];
    if (group.every(([, c]) => c === cls)) continue;
    drafts.push(
      selectAll(
        {
          text: `Select every ${cls}: ${group.map(([a]) => a).join(", ")}.`,
          explanation: group.map(([a, c]) => `${a}: ${c}`).join("; "),
          category: CATEGORY,
          tags: ["classification"],
          difficulty: 3,
          bloomLevel: "analyze",
        },
        group.map(([a, c]) => [a, c === cls]),
      ),
    );
  }
  for (const [animal, legs, difficulty] of LEGS) {
    drafts.push(
      numeric(
        {
          text: `How many legs does ${animal} have?`,
          explanation: `${animal[0]?.toUpperCase()}${animal.slice(1)} has ${legs} legs.`,
          category: CATEGORY,
          tags: ["anatomy"],
          difficulty,
          bloomLevel: "remember",
        },
        legs,
      ),
    );
  }
  return drafts;
}
