import {
  type Draft,
  type DraftMeta,
  numberChoice,
  numeric,
  pickOthers,
  prng,
  selectAll,
  shortAnswer,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "computing";

/** Reason phrases as RFC 9110 names them (429 comes from RFC 6585). */
const HTTP_STATUS: [number, string][] = [
  [200, "OK"],
  [201, "Created"],
  [204, "No Content"],
  [301, "Moved Permanently"],
  [302, "Found"],
  [304, "Not Modified"],
  [307, "Temporary Redirect"],
  [308, "Permanent Redirect"],
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
  [502, "Bad Gateway"],
  [503, "Service Unavailable"],
  [504, "Gateway Timeout"],
];

const STATUS_CLASSES: Record<number, string> = { 2: "success", 3: "redirection", 4: "client error", 5: "server error" };

const bin = (n: number): string => n.toString(2);
const hex = (n: number): string => n.toString(16).toUpperCase();

/** Number bases, bits and HTTP: conversions are computed, status phrases come from the RFCs. */
export function computingDrafts(): Draft[] {
  const rand = prng(202);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  for (let n = 5; n <= 60; n += 5) {
    drafts.push(
      shortAnswer(
        {
          ...base(["binary", "number bases"], n > 31 ? 3 : 2, "apply"),
          text: `Write the decimal number ${n} in binary.`,
          explanation: `${n} = ${bin(n)} in base 2.`,
        },
        [bin(n), `0b${bin(n)}`],
      ),
    );
  }
  for (const n of [9, 13, 22, 37, 45, 58, 77, 100, 129, 200]) {
    drafts.push(
      numeric(
        {
          ...base(["binary", "number bases"], n > 63 ? 4 : 3, "apply"),
          text: `What is binary ${bin(n)} in decimal?`,
          explanation: `${bin(n)} in base 2 = ${n}.`,
        },
        n,
      ),
    );
  }
  for (const n of [26, 47, 99, 128, 175, 200, 255, 300, 511, 1000, 4095, 48879]) {
    drafts.push(
      numeric(
        {
          ...base(["hexadecimal", "number bases"], n > 1000 ? 5 : n > 255 ? 4 : 3, "apply"),
          text: `What is hexadecimal 0x${hex(n)} in decimal?`,
          explanation: `0x${hex(n)} = ${n}.`,
        },
        n,
      ),
    );
  }
  for (const n of [15, 31, 64, 100, 171, 240, 1024, 4096]) {
    drafts.push(
      shortAnswer(
        {
          ...base(["hexadecimal", "number bases"], n > 255 ? 4 : 3, "apply"),
          text: `Write the decimal number ${n} in hexadecimal.`,
          explanation: `${n} = 0x${hex(n)}.`,
        },
        [hex(n), `0x${hex(n)}`],
      ),
    );
  }

  // Off-by-one (2^k − 1 is the largest value, not the count) and off-by-a-bit are the usual slips.
  for (let k = 4; k <= 20; k++) {
    drafts.push(
      numberChoice(
        {
          ...base(["bits", "powers of two"], k > 12 ? 3 : 2, "understand"),
          text: `How many distinct values can ${k} bits represent?`,
          explanation: `${k} bits give 2^${k} = ${2 ** k} combinations.`,
        },
        2 ** k,
        [2 ** k - 1, 2 ** (k - 1), 2 ** (k + 1), 2 ** k + 1, k * k, 2 * k],
        rand,
      ),
    );
  }

  const ops: [name: string, f: (a: number, b: number) => number][] = [
    ["AND", (a, b) => a & b],
    ["OR", (a, b) => a | b],
    ["XOR", (a, b) => a ^ b],
  ];
  for (const [a, b] of [
    [12, 10],
    [6, 3],
    [15, 9],
    [240, 60],
    [5, 7],
    [255, 170],
  ] as [number, number][]) {
    for (const [name, f] of ops) {
      drafts.push(
        numeric(
          {
            ...base(["bitwise", "binary"], a > 15 ? 5 : 4, "apply"),
            text: `What is ${a} ${name} ${b} (bitwise)?`,
            explanation: `${bin(a)} ${name} ${bin(b)} = ${bin(f(a, b))}, which is ${f(a, b)}.`,
          },
          f(a, b),
        ),
      );
    }
  }

  const powerSets = [
    [64, 96, 128, 200, 256, 500],
    [1000, 1024, 2000, 2048, 4000, 4096],
    [12, 16, 24, 32, 48, 64],
    [100, 128, 160, 256, 320, 512],
    [8, 10, 16, 20, 32, 40],
    [384, 512, 640, 768, 1024, 1536],
  ];
  for (const set of powerSets) {
    const isPow2 = (n: number) => (n & (n - 1)) === 0;
    drafts.push(
      ...selectAll(
        {
          ...base(["powers of two"], 3, "analyze"),
          text: `Select every power of two: ${set.join(", ")}.`,
          explanation: `Powers of two here: ${set.filter(isPow2).join(", ")}.`,
        },
        set.map((n) => [String(n), isPow2(n)]),
      ),
    );
  }

  for (const ch of ["A", "Z", "a", "z", "0", "9"]) {
    drafts.push(
      numeric(
        {
          ...base(["ascii", "encoding"], 4, "remember"),
          // Hashing folds case, so the text must name the case, not only show it.
          text: `What is the ASCII code (in decimal) of ${/\d/.test(ch) ? "the digit" : ch === ch.toUpperCase() ? "capital" : "lowercase"} '${ch}'?`,
          explanation: `'${ch}' is ${ch.charCodeAt(0)} (0x${hex(ch.charCodeAt(0))}).`,
        },
        ch.charCodeAt(0),
      ),
    );
  }
  drafts.push(
    numeric(
      {
        ...base(["bits", "bytes"], 1, "remember"),
        text: "How many bits are in a byte?",
        explanation: "A byte is 8 bits.",
      },
      8,
    ),
    numeric(
      {
        ...base(["bits", "hexadecimal"], 2, "understand"),
        text: "How many bits does one hexadecimal digit encode?",
        explanation: "16 = 2^4, so one hex digit is 4 bits.",
      },
      4,
    ),
  );

  const phrases = HTTP_STATUS.map(([, phrase]) => phrase);
  const codes = HTTP_STATUS.map(([code]) => String(code));
  for (const [code, phrase] of HTTP_STATUS) {
    const rfc = code === 429 ? "RFC 6585" : "RFC 9110";
    const actual = Math.floor(code / 100);
    const claimed = rand() < 0.5 ? actual : (pickOthers([2, 3, 4, 5], actual, 1, rand)[0] as number);
    drafts.push(
      singleChoice(
        {
          ...base(["http", "web"], code === 200 || code === 404 ? 1 : 3, "remember"),
          text: `Which reason phrase goes with HTTP status ${code}?`,
          explanation: `${rfc} defines ${code} as "${phrase}".`,
        },
        phrase,
        pickOthers(phrases, phrase, 3, rand),
        rand,
      ),
      singleChoice(
        {
          ...base(["http", "web"], code === 404 ? 1 : 4, "remember"),
          text: `Which HTTP status code means "${phrase}"?`,
          explanation: `${rfc} defines ${code} as "${phrase}".`,
        },
        String(code),
        pickOthers(codes, String(code), 3, rand),
        rand,
      ),
      trueFalse(
        {
          ...base(["http", "web"], 2, "understand"),
          text: `HTTP status ${code} is in the ${STATUS_CLASSES[claimed]} class (${claimed}xx).`,
          explanation: `${code} "${phrase}" is in the ${actual}xx (${STATUS_CLASSES[actual]}) class.`,
        },
        claimed === actual,
      ),
    );
  }
  return drafts;
}
