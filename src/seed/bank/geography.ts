import { type Draft, pickOthers, prng, shortAnswer, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "geography";

type Continent = "Europe" | "Asia" | "Africa" | "North America" | "South America" | "Oceania";

/** Capitals whose status is settled, with the continent each country lies in. */
const COUNTRIES: [country: string, capital: string, continent: Continent, familiarity: 1 | 2 | 3][] = [
  ["France", "Paris", "Europe", 1],
  ["Germany", "Berlin", "Europe", 1],
  ["Italy", "Rome", "Europe", 1],
  ["Spain", "Madrid", "Europe", 1],
  ["Portugal", "Lisbon", "Europe", 2],
  ["Belgium", "Brussels", "Europe", 2],
  ["Austria", "Vienna", "Europe", 2],
  ["Poland", "Warsaw", "Europe", 2],
  ["Sweden", "Stockholm", "Europe", 2],
  ["Norway", "Oslo", "Europe", 2],
  ["Denmark", "Copenhagen", "Europe", 2],
  ["Finland", "Helsinki", "Europe", 2],
  ["Ireland", "Dublin", "Europe", 2],
  ["Greece", "Athens", "Europe", 1],
  ["Hungary", "Budapest", "Europe", 3],
  ["Czechia", "Prague", "Europe", 2],
  ["Ukraine", "Kyiv", "Europe", 2],
  ["Japan", "Tokyo", "Asia", 1],
  ["China", "Beijing", "Asia", 1],
  ["South Korea", "Seoul", "Asia", 2],
  ["India", "New Delhi", "Asia", 2],
  ["Thailand", "Bangkok", "Asia", 2],
  ["Vietnam", "Hanoi", "Asia", 3],
  ["Iran", "Tehran", "Asia", 3],
  ["Saudi Arabia", "Riyadh", "Asia", 3],
  ["Egypt", "Cairo", "Africa", 1],
  ["Kenya", "Nairobi", "Africa", 2],
  ["Nigeria", "Abuja", "Africa", 3],
  ["Ghana", "Accra", "Africa", 3],
  ["Morocco", "Rabat", "Africa", 3],
  ["Ethiopia", "Addis Ababa", "Africa", 3],
  ["Canada", "Ottawa", "North America", 2],
  ["Mexico", "Mexico City", "North America", 1],
  ["Cuba", "Havana", "North America", 2],
  ["Argentina", "Buenos Aires", "South America", 2],
  ["Brazil", "Brasília", "South America", 3],
  ["Chile", "Santiago", "South America", 3],
  ["Peru", "Lima", "South America", 3],
  ["Colombia", "Bogotá", "South America", 3],
  ["Australia", "Canberra", "Oceania", 3],
  ["New Zealand", "Wellington", "Oceania", 3],
];

const CONTINENTS: Continent[] = ["Europe", "Asia", "Africa", "North America", "South America", "Oceania"];

export function geographyDrafts(): Draft[] {
  const rand = prng(303);
  const capitals = COUNTRIES.map(([, capital]) => capital);
  const drafts: Draft[] = [];
  for (const [country, capital, continent, familiarity] of COUNTRIES) {
    const tags = ["capitals", continent.toLowerCase()];
    drafts.push(
      singleChoice(
        {
          text: `What is the capital of ${country}?`,
          explanation: `${capital} is the capital of ${country}.`,
          category: CATEGORY,
          tags,
          difficulty: familiarity,
          bloomLevel: "remember",
        },
        capital,
        pickOthers(capitals, capital, 3, rand),
        rand,
      ),
      shortAnswer(
        {
          text: `Name the capital city of ${country}.`,
          explanation: `${capital} is the capital of ${country}.`,
          category: CATEGORY,
          tags,
          difficulty: Math.min(5, familiarity + 1),
          bloomLevel: "remember",
        },
        [...new Set([capital, capital.normalize("NFD").replace(/\p{M}/gu, "")])],
      ),
    );
    const claimed = rand() < 0.5 ? continent : (pickOthers(CONTINENTS, continent, 1, rand)[0] as Continent);
    drafts.push(
      trueFalse(
        {
          text: `${country} is in ${claimed}.`,
          explanation: `${country} is in ${continent}.`,
          category: CATEGORY,
          tags: ["continents"],
          difficulty: familiarity,
          bloomLevel: "understand",
        },
        claimed === continent,
      ),
    );
  }
  return drafts;
}
