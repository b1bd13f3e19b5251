import {
  type Draft,
  type DraftMeta,
  pickOthers,
  pickSome,
  prng,
  selectAll,
  shortAnswer,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "geography";

type Continent = "Europe" | "Asia" | "Africa" | "North America" | "South America" | "Oceania";
const CONTINENTS: Continent[] = ["Europe", "Asia", "Africa", "North America", "South America", "Oceania"];

/**
 * Countries whose capital is not in dispute (no split or moving capitals), with the continent
 * the capital city itself lies in: that is unambiguous even for transcontinental countries.
 */
const COUNTRIES: [country: string, capital: string, continent: Continent, familiarity: 1 | 2 | 3 | 4][] = [
  ["France", "Paris", "Europe", 1],
  ["Germany", "Berlin", "Europe", 1],
  ["Italy", "Rome", "Europe", 1],
  ["Spain", "Madrid", "Europe", 1],
  ["the United Kingdom", "London", "Europe", 1],
  ["Greece", "Athens", "Europe", 1],
  ["Russia", "Moscow", "Europe", 1],
  ["Portugal", "Lisbon", "Europe", 2],
  ["Belgium", "Brussels", "Europe", 2],
  ["Austria", "Vienna", "Europe", 2],
  ["Poland", "Warsaw", "Europe", 2],
  ["Sweden", "Stockholm", "Europe", 2],
  ["Norway", "Oslo", "Europe", 2],
  ["Denmark", "Copenhagen", "Europe", 2],
  ["Finland", "Helsinki", "Europe", 2],
  ["Ireland", "Dublin", "Europe", 2],
  ["Czechia", "Prague", "Europe", 2],
  ["Ukraine", "Kyiv", "Europe", 2],
  ["Hungary", "Budapest", "Europe", 3],
  ["Romania", "Bucharest", "Europe", 3],
  ["Bulgaria", "Sofia", "Europe", 3],
  ["Croatia", "Zagreb", "Europe", 3],
  ["Serbia", "Belgrade", "Europe", 3],
  ["Iceland", "Reykjavík", "Europe", 3],
  ["Japan", "Tokyo", "Asia", 1],
  ["China", "Beijing", "Asia", 1],
  ["South Korea", "Seoul", "Asia", 2],
  ["India", "New Delhi", "Asia", 2],
  ["Thailand", "Bangkok", "Asia", 2],
  ["the Philippines", "Manila", "Asia", 2],
  ["Vietnam", "Hanoi", "Asia", 3],
  ["Iran", "Tehran", "Asia", 3],
  ["Iraq", "Baghdad", "Asia", 3],
  ["Saudi Arabia", "Riyadh", "Asia", 3],
  ["Afghanistan", "Kabul", "Asia", 3],
  ["Pakistan", "Islamabad", "Asia", 3],
  ["Nepal", "Kathmandu", "Asia", 3],
  ["Bangladesh", "Dhaka", "Asia", 4],
  ["Mongolia", "Ulaanbaatar", "Asia", 4],
  ["Egypt", "Cairo", "Africa", 1],
  ["Kenya", "Nairobi", "Africa", 2],
  ["Nigeria", "Abuja", "Africa", 3],
  ["Ghana", "Accra", "Africa", 3],
  ["Morocco", "Rabat", "Africa", 3],
  ["Ethiopia", "Addis Ababa", "Africa", 3],
  ["Algeria", "Algiers", "Africa", 3],
  ["Tunisia", "Tunis", "Africa", 3],
  ["Senegal", "Dakar", "Africa", 4],
  ["Uganda", "Kampala", "Africa", 4],
  ["Zimbabwe", "Harare", "Africa", 4],
  ["Angola", "Luanda", "Africa", 4],
  ["the United States", "Washington, D.C.", "North America", 1],
  ["Canada", "Ottawa", "North America", 2],
  ["Mexico", "Mexico City", "North America", 1],
  ["Cuba", "Havana", "North America", 2],
  ["Jamaica", "Kingston", "North America", 3],
  ["Panama", "Panama City", "North America", 3],
  ["Costa Rica", "San José", "North America", 4],
  ["Guatemala", "Guatemala City", "North America", 3],
  ["Argentina", "Buenos Aires", "South America", 2],
  ["Brazil", "Brasília", "South America", 3],
  ["Chile", "Santiago", "South America", 3],
  ["Peru", "Lima", "South America", 3],
  ["Colombia", "Bogotá", "South America", 3],
  ["Venezuela", "Caracas", "South America", 3],
  ["Ecuador", "Quito", "South America", 4],
  ["Uruguay", "Montevideo", "South America", 4],
  ["Paraguay", "Asunción", "South America", 4],
  ["Australia", "Canberra", "Oceania", 3],
  ["New Zealand", "Wellington", "Oceania", 3],
  ["Fiji", "Suva", "Oceania", 4],
  ["Papua New Guinea", "Port Moresby", "Oceania", 4],
];

/** Spellings a learner may fairly type besides the table's own (accents dropped separately). */
const ALIASES: Record<string, string[]> = {
  "Washington, D.C.": ["Washington D.C.", "Washington DC", "Washington"],
  Kyiv: ["Kiev"],
  Ulaanbaatar: ["Ulan Bator"],
};

const stripMarks = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
const capitalize = (s: string): string => `${s[0]?.toUpperCase()}${s.slice(1)}`;

export function geographyDrafts(): Draft[] {
  const rand = prng(303);
  const drafts: Draft[] = [];
  const capitalsIn = (c: Continent) => COUNTRIES.filter((row) => row[2] === c).map((row) => row[1]);
  const countriesIn = (c: Continent) => COUNTRIES.filter((row) => row[2] === c).map((row) => row[0]);

  for (const [country, capital, continent, familiarity] of COUNTRIES) {
    const base: Omit<DraftMeta, "difficulty"> = {
      category: CATEGORY,
      tags: ["capitals", continent.toLowerCase()],
      bloomLevel: "remember",
    };
    const explanation = `${capital} is the capital of ${country}.`;
    // Distractors from the same continent are the plausible ones.
    drafts.push(
      singleChoice(
        { ...base, text: `What is the capital of ${country}?`, explanation, difficulty: familiarity },
        capital,
        pickOthers(capitalsIn(continent), capital, 3, rand),
        rand,
      ),
      singleChoice(
        { ...base, text: `${capital} is the capital of which country?`, explanation, difficulty: familiarity },
        capitalize(country),
        pickOthers(countriesIn(continent), country, 3, rand).map(capitalize),
        rand,
      ),
      shortAnswer(
        {
          ...base,
          text: `Name the capital city of ${country}.`,
          explanation,
          difficulty: Math.min(5, familiarity + 1),
        },
        [capital, stripMarks(capital), ...(ALIASES[capital] ?? [])],
      ),
    );
    const claimed = rand() < 0.5 ? continent : (pickOthers(CONTINENTS, continent, 1, rand)[0] as Continent);
    drafts.push(
      trueFalse(
        {
          text: `${capital}, the capital of ${country}, lies in ${claimed}.`,
          explanation: `${capital} lies in ${continent}.`,
          category: CATEGORY,
          tags: ["continents", "capitals"],
          difficulty: familiarity,
          bloomLevel: "understand",
        },
        claimed === continent,
      ),
    );
  }

  for (const continent of CONTINENTS) {
    for (let round = 0; round < 2; round++) {
      const inside = pickSome(capitalsIn(continent), 2 + Math.floor(rand() * 2), rand);
      const elsewhere = COUNTRIES.filter((row) => row[2] !== continent).map((row) => row[1]);
      const outside = pickSome(elsewhere, 6 - inside.length, rand);
      const options = [...inside, ...outside].sort();
      drafts.push(
        ...selectAll(
          {
            text: `Select every capital city that lies in ${continent}.`,
            explanation: `In ${continent}: ${options.filter((o) => inside.includes(o)).join(", ")}.`,
            category: CATEGORY,
            tags: ["continents", "capitals"],
            difficulty: 3,
            bloomLevel: "analyze",
          },
          options.map((o) => [o, inside.includes(o)]),
        ),
      );
    }
  }
  return drafts;
}
