import { type Draft, numeric, pickOthers, prng, shortAnswer, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "computing";

const HTTP_STATUS: [number, string][] = [
  [200, "OK"],
  [201, "Created"],
  [204, "No Content"],
  [301, "Moved Permanently"],
  [304, "Not Modified"],
  [400, "Bad Request"],
  [401, "Unauthorized"],
  [403, "Forbidden"],
  [404, "Not Found"],
  [405, "Method Not Allowed"],
  [409, "Conflict"],
  [413, "Content Too Large"],
  [415, "Unsupported Media Type"],
  [429, "Too Many Requests"],
  [500, "Internal Server Error"],
  [503, "Service Unavailable"],
];

/** Number bases and HTTP: conversions are computed, status phrases come from RFC 9110. */
export function computingDrafts(): Draft[] {
  const rand = prng(202);
  const drafts: Draft[] = [];

  for (let n = 5; n <= 60; n += 5) {
    drafts.push(
      shortAnswer(
        {
          text: `Write the decimal number ${n} in binary.`,
          explanation: `${n} = ${n.toString(2)} in base 2.`,
          category: CATEGORY,
          tags: ["binary", "number bases"],
          difficulty: n > 31 ? 3 : 2,
          bloomLevel: "apply",
        },
        [n.toString(2), `0b${n.toString(2)}`],
      ),
    );
  }

  for (const n of [26, 47, 99, 128, 175, 200, 255, 300, 511, 1000, 4095, 48879]) {
    drafts.push(
      numeric(
        {
          text: `What is hexadecimal 0x${n.toString(16).toUpperCase()} in decimal?`,
          explanation: `0x${n.toString(16).toUpperCase()} = ${n}.`,
          category: CATEGORY,
          tags: ["hexadecimal", "number bases"],
          difficulty: n > 1000 ? 5 : n > 255 ? 4 : 3,
          bloomLevel: "apply",
        },
        n,
      ),
    );
  }

  for (let k = 4; k <= 20; k++) {
    drafts.push(
      singleChoice(
        {
          text: `How many distinct values can ${k} bits represent?`,
          explanation: `${k} bits give 2^${k} = ${2 ** k} combinations.`,
          category: CATEGORY,
          tags: ["bits", "powers of two"],
          difficulty: k > 12 ? 3 : 2,
          bloomLevel: "understand",
        },
        String(2 ** k),
        [String(2 ** k - 1), String(2 ** (k - 1)), String(k * k)],
        rand,
      ),
    );
  }

  const phrases = HTTP_STATUS.map(([, phrase]) => phrase);
  for (const [code, phrase] of HTTP_STATUS) {
    drafts.push(
      singleChoice(
        {
          text: `Which reason phrase goes with HTTP status ${code}?`,
          explanation: `RFC 9110 defines ${code} as "${phrase}".`,
          category: CATEGORY,
          tags: ["http", "web"],
          difficulty: code >= 400 && code !== 404 ? 3 : 1,
          bloomLevel: "remember",
        },
        phrase,
        pickOthers(phrases, phrase, 3, rand),
        rand,
      ),
      trueFalse(
        {
          text: `HTTP status ${code} is a client error (4xx).`,
          explanation: `${code} "${phrase}" is in the ${Math.floor(code / 100)}xx class.`,
          category: CATEGORY,
          tags: ["http", "web"],
          difficulty: 2,
          bloomLevel: "understand",
        },
        code >= 400 && code < 500,
      ),
    );
  }
  return drafts;
}
