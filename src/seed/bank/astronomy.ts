import {
  type Draft,
  type DraftMeta,
  numberChoice,
  numeric,
  pickOthers,
  pickSome,
  prng,
  selectAll,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "astronomy";
const PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"] as const;
const ROCKY = new Set(["Mercury", "Venus", "Earth", "Mars"]);
const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

/** IAU definitions: the astronomical unit (km) and the speed of light (km/s). */
const AU_KM = 149_597_870.7;
const C_KM_S = 299_792.458;

/** Recall items with one answer and three wrong options, all well established. */
const FACTS: [question: string, answer: string, wrong: string[], explanation: string, difficulty: number][] = [
  [
    "Which is the largest planet in the Solar System?",
    "Jupiter",
    ["Saturn", "Neptune", "Earth"],
    "Jupiter is more massive than all other planets combined.",
    1,
  ],
  [
    "Which is the smallest planet in the Solar System?",
    "Mercury",
    ["Mars", "Venus", "Pluto"],
    "Mercury is the smallest; Pluto is a dwarf planet.",
    2,
  ],
  [
    "Which planet has the hottest surface?",
    "Venus",
    ["Mercury", "Mars", "Jupiter"],
    "Venus's thick CO₂ atmosphere traps heat, so it is hotter than Mercury.",
    3,
  ],
  ["Which planet is called the Red Planet?", "Mars", ["Venus", "Jupiter", "Mercury"], "Iron oxide dust reddens it.", 1],
  [
    "Which planet rotates tipped on its side, with an axial tilt of about 98°?",
    "Uranus",
    ["Neptune", "Saturn", "Venus"],
    "Uranus's axis is tilted about 98°.",
    4,
  ],
  [
    "Which star is the nearest to the Sun?",
    "Proxima Centauri",
    ["Sirius", "Betelgeuse", "Polaris"],
    "Proxima Centauri is about 4.2 light-years away.",
    3,
  ],
  [
    "Which galaxy contains the Solar System?",
    "The Milky Way",
    ["Andromeda", "The Large Magellanic Cloud", "Triangulum"],
    "The Sun is one of the Milky Way's stars.",
    1,
  ],
  [
    "What is the largest moon of Saturn?",
    "Titan",
    ["Europa", "Ganymede", "Triton"],
    "Titan is Saturn's largest moon; Ganymede is Jupiter's.",
    4,
  ],
  [
    "In which year did the IAU reclassify Pluto as a dwarf planet?",
    "2006",
    ["1999", "2001", "2011"],
    "The IAU adopted its planet definition in 2006.",
    4,
  ],
];

export function astronomyDrafts(): Draft[] {
  const rand = prng(505);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });
  const order = `In order from the Sun: ${PLANETS.join(", ")}.`;

  PLANETS.forEach((planet, i) => {
    drafts.push(
      singleChoice(
        {
          ...base(["solar system", "planets"], i === 2 ? 1 : 2, "remember"),
          text: `Which planet is ${ORDINALS[i]} from the Sun?`,
          explanation: order,
        },
        planet,
        pickOthers(PLANETS, planet, 3, rand),
        rand,
      ),
      numeric(
        {
          ...base(["solar system", "planets"], 2, "remember"),
          text: `Counting outward from the Sun, what is the position of ${planet}?`,
          explanation: `${planet} is planet number ${i + 1}. ${order}`,
        },
        i + 1,
      ),
      ...selectAll(
        {
          ...base(["solar system", "ordering"], 4, "analyze"),
          text: `Select every planet farther from the Sun than ${planet}.`,
          explanation: `Beyond ${planet}: ${PLANETS.slice(i + 1).join(", ") || "none"}.`,
        },
        pickOthers(PLANETS, planet, 5, rand).map((p) => [p, PLANETS.indexOf(p) > i]),
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
            ...base(["solar system", "ordering"], j - i === 1 ? 3 : 2, "understand"),
            text: `${flip ? far : near} orbits farther from the Sun than ${flip ? near : far}.`,
            explanation: `${near} is planet ${i + 1}; ${far} is planet ${j + 1}.`,
          },
          flip,
        ),
      );
    }
  }

  for (let round = 0; round < 4; round++) {
    const options = pickSome(PLANETS, 5, rand);
    drafts.push(
      ...selectAll(
        {
          ...base(["solar system", "planets"], 3, "understand"),
          text: `Select every rocky (terrestrial) planet: ${options.join(", ")}.`,
          explanation: "The rocky planets are Mercury, Venus, Earth and Mars; the rest are giants.",
        },
        options.map((p) => [p, ROCKY.has(p)]),
      ),
      ...selectAll(
        {
          ...base(["solar system", "planets"], 3, "understand"),
          text: `Select every giant planet: ${options.join(", ")}.`,
          explanation: "The giants are Jupiter and Saturn (gas) and Uranus and Neptune (ice).",
        },
        options.map((p) => [p, !ROCKY.has(p)]),
      ),
    );
  }

  for (const [question, answer, wrong, explanation, difficulty] of FACTS) {
    drafts.push(
      singleChoice({ ...base(["facts"], difficulty, "remember"), text: question, explanation }, answer, wrong, rand),
    );
  }
  drafts.push(
    ...selectAll(
      {
        ...base(["moons"], 4, "remember"),
        text: "Select every moon of Mars.",
        explanation: "Mars has two moons, Phobos and Deimos.",
      },
      [
        ["Phobos", true],
        ["Io", false],
        ["Deimos", true],
        ["Titan", false],
        ["Triton", false],
      ],
    ),
    numeric(
      { ...base(["moons"], 2, "remember"), text: "How many moons does Mars have?", explanation: "Phobos and Deimos." },
      2,
    ),
    trueFalse(
      {
        ...base(["moons"], 1, "understand"),
        text: "The Moon shines by reflecting sunlight.",
        explanation: "The Moon gives off no visible light of its own.",
      },
      true,
    ),
    trueFalse(
      {
        ...base(["planets"], 2, "understand"),
        text: "Pluto is one of the eight planets of the Solar System.",
        explanation: "Since 2006 the IAU classifies Pluto as a dwarf planet.",
      },
      false,
    ),
  );

  // Light travel times, computed from the IAU constants.
  const seconds = AU_KM / C_KM_S;
  drafts.push(
    numeric(
      {
        ...base(["light", "distances"], 4, "apply"),
        text: "To the nearest minute, how many minutes does sunlight take to reach Earth (1 AU)?",
        explanation: `${AU_KM} km ÷ ${C_KM_S} km/s ≈ ${Math.round(seconds)} s ≈ ${(seconds / 60).toFixed(1)} min.`,
      },
      Math.round(seconds / 60),
    ),
    numeric(
      {
        ...base(["light", "distances"], 5, "apply"),
        text: "To the nearest second, how many seconds does light take to travel 1 AU?",
        explanation: `${AU_KM} km ÷ ${C_KM_S} km/s ≈ ${seconds.toFixed(1)} s.`,
      },
      Math.round(seconds),
      1,
    ),
  );
  const lightYearKm = C_KM_S * 365.25 * 86_400;
  const roughly = (km: number) =>
    km >= 1e12 ? `about ${(km / 1e12).toFixed(2)} trillion km` : `about ${(km / 1e9).toFixed(2)} billion km`;
  drafts.push(
    numberChoice(
      {
        ...base(["light", "distances"], 4, "understand"),
        text: "How far does light travel in one Julian year (a light-year)?",
        explanation: `${C_KM_S} km/s × 365.25 × 86,400 s ≈ ${(lightYearKm / 1e12).toFixed(2)} × 10¹² km.`,
      },
      lightYearKm,
      [lightYearKm / 1000, lightYearKm * 10, lightYearKm / 10, lightYearKm / 365.25],
      rand,
      roughly,
    ),
  );
  return drafts;
}
