import { type Draft, numeric, pickOthers, prng, selectAll, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "astronomy";
const PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"] as const;
const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

/** Planet order from the Sun; every comparison below is derived from it. */
export function astronomyDrafts(): Draft[] {
  const rand = prng(505);
  const drafts: Draft[] = [];
  PLANETS.forEach((planet, i) => {
    drafts.push(
      singleChoice(
        {
          text: `Which planet is ${ORDINALS[i]} from the Sun?`,
          explanation: `In order: ${PLANETS.join(", ")}.`,
          category: CATEGORY,
          tags: ["solar system", "planets"],
          difficulty: i === 2 ? 1 : 2,
          bloomLevel: "remember",
        },
        planet,
        pickOthers(PLANETS, planet, 3, rand),
        rand,
      ),
      numeric(
        {
          text: `Counting outward from the Sun, what is the position of ${planet}?`,
          explanation: `${planet} is planet number ${i + 1}.`,
          category: CATEGORY,
          tags: ["solar system", "planets"],
          difficulty: 2,
          bloomLevel: "remember",
        },
        i + 1,
      ),
      selectAll(
        {
          text: `Select every planet farther from the Sun than ${planet}.`,
          explanation: `Beyond ${planet}: ${PLANETS.slice(i + 1).join(", ") || "none"}.`,
          category: CATEGORY,
          tags: ["solar system", "ordering"],
          difficulty: 4,
          bloomLevel: "analyze",
        },
        pickOthers(PLANETS, planet, 4, rand).map((p) => [p, PLANETS.indexOf(p) > i]),
      ),
    );
  });
  for (let i = 0; i < PLANETS.length; i++) {
    for (let j = i + 1; j < PLANETS.length; j++) {
      const [near, far] = [PLANETS[i] as string, PLANETS[j] as string];
      const flip = rand() < 0.5;
      drafts.push(
        trueFalse(
          {
            text: `${flip ? far : near} orbits farther from the Sun than ${flip ? near : far}.`,
            explanation: `${near} is planet ${i + 1}; ${far} is planet ${j + 1}.`,
            category: CATEGORY,
            tags: ["solar system", "ordering"],
            difficulty: j - i === 1 ? 3 : 2,
            bloomLevel: "understand",
          },
          flip,
        ),
      );
    }
  }
  // A select-all whose options are all farther or all nearer has no wrong (or no right) answer.
  return drafts.filter(
    (d) =>
      d.type !== "multiple_choice" ||
      (d.answer.kind === "choices" && d.answer.correct.length > 0 && d.answer.correct.length < d.choices.length),
  );
}
