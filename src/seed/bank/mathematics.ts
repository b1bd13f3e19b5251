import { type Draft, numberChoice, numeric, prng, selectAll, tidy, trueFalse } from "../draft.ts";

const CATEGORY = "mathematics";

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Arithmetic, percentages, primes, divisors and powers: every answer is computed. */
export function mathematicsDrafts(): Draft[] {
  const rand = prng(101);
  const drafts: Draft[] = [];

  // Multiplication: distractors are one row or column off, or a slip of 10 or 1.
  for (let a = 3; a <= 12; a++) {
    for (const b of [7, 8, 9, 11, 12, 13]) {
      const p = a * b;
      drafts.push(
        numberChoice(
          {
            text: `What is ${a} × ${b}?`,
            explanation: `${a} × ${b} = ${p}.`,
            category: CATEGORY,
            tags: ["arithmetic", "multiplication"],
            difficulty: p > 100 ? 2 : 1,
            bloomLevel: "apply",
          },
          p,
          [p + a, p - a, p + b, p - b, p + 10, p - 10, p + 1, p - 1],
          rand,
        ),
      );
    }
  }

  // Order of operations: the classic slip is working left to right.
  for (const [a, b, c] of [
    [3, 4, 5],
    [2, 6, 7],
    [8, 3, 9],
    [5, 5, 6],
    [7, 2, 8],
    [9, 4, 3],
    [6, 7, 2],
    [4, 9, 5],
  ]) {
    const [x, y, z] = [a as number, b as number, c as number];
    drafts.push(
      numberChoice(
        {
          text: `What is ${x} + ${y} × ${z}?`,
          explanation: `Multiplication comes before addition: ${y} × ${z} = ${y * z}, plus ${x} is ${x + y * z}.`,
          category: CATEGORY,
          tags: ["arithmetic", "order of operations"],
          difficulty: 2,
          bloomLevel: "understand",
        },
        x + y * z,
        [(x + y) * z, x * y + z, x + y + z, x + y * z + 1, x + y * z - 1],
        rand,
      ),
    );
  }

  for (const pct of [5, 10, 12.5, 15, 20, 25, 40, 75]) {
    for (const whole of [40, 80, 120, 200, 360]) {
      const value = tidy((pct * whole) / 100);
      drafts.push(
        numeric(
          {
            text: `What is ${pct}% of ${whole}?`,
            explanation: `${pct}% of ${whole} = ${pct} / 100 × ${whole} = ${value}.`,
            category: CATEGORY,
            tags: ["percentages"],
            difficulty: pct % 5 === 0 ? 2 : 3,
            bloomLevel: "apply",
          },
          value,
          0.001,
        ),
      );
    }
  }

  // Odd numbers below 100: a composite one always has 3, 5 or 7 as a factor (11² > 99).
  for (let n = 41; n <= 99; n += 2) {
    drafts.push(
      trueFalse(
        {
          text: `${n} is a prime number.`,
          explanation: isPrime(n)
            ? `${n} has no divisors other than 1 and itself.`
            : `${n} is divisible by ${[3, 5, 7].find((d) => n % d === 0)}.`,
          category: CATEGORY,
          tags: ["primes", "number theory"],
          difficulty: 3,
          bloomLevel: "understand",
        },
        isPrime(n),
      ),
    );
  }

  for (let start = 20; start <= 140; start += 6) {
    const window = [0, 1, 2, 3, 4, 5].map((k) => start + k * 2 + 1);
    drafts.push(
      ...selectAll(
        {
          text: `Select every prime number: ${window.join(", ")}.`,
          explanation: `The primes are ${window.filter(isPrime).join(", ")}.`,
          category: CATEGORY,
          tags: ["primes", "number theory"],
          difficulty: 4,
          bloomLevel: "analyze",
        },
        window.map((n) => [String(n), isPrime(n)]),
      ),
    );
  }

  for (const n of [24, 30, 36, 42, 45, 48, 56, 60, 63, 72, 84, 90, 96, 105, 120]) {
    const candidates = [2, 3, 4, 5, 6, 7, 8, 9];
    drafts.push(
      ...selectAll(
        {
          text: `Select every number that divides ${n} with no remainder.`,
          explanation: `${n} is divisible by ${candidates.filter((d) => n % d === 0).join(", ")} of these.`,
          category: CATEGORY,
          tags: ["divisibility", "number theory"],
          difficulty: 3,
          bloomLevel: "analyze",
        },
        candidates.map((d) => [String(d), n % d === 0]),
      ),
    );
  }

  for (let n = 13; n <= 32; n++) {
    drafts.push(
      numeric(
        {
          text: `What is the square root of ${n * n}?`,
          explanation: `${n} × ${n} = ${n * n}.`,
          category: CATEGORY,
          tags: ["roots"],
          difficulty: n > 24 ? 5 : 4,
          bloomLevel: "apply",
        },
        n,
      ),
    );
  }

  for (const [base, exponents] of [
    [2, [5, 6, 7, 8, 9, 10, 11, 12, 16]],
    [3, [3, 4, 5, 6]],
    [5, [3, 4]],
  ] as const) {
    for (const e of exponents) {
      drafts.push(
        numeric(
          {
            text: `What is ${base} to the power of ${e}?`,
            explanation: `${base}^${e} = ${base ** e}.`,
            category: CATEGORY,
            tags: ["powers"],
            difficulty: base ** e > 1000 ? 4 : 3,
            bloomLevel: "apply",
          },
          base ** e,
        ),
      );
    }
  }

  const pairs = [
    [12, 18],
    [24, 36],
    [14, 21],
    [45, 60],
    [16, 40],
    [27, 36],
    [48, 180],
    [35, 49],
    [64, 80],
    [84, 126],
  ];
  for (const [a, b] of pairs as [number, number][]) {
    const g = gcd(a, b);
    drafts.push(
      numeric(
        {
          text: `What is the greatest common divisor of ${a} and ${b}?`,
          explanation: `${a} = ${g} × ${a / g} and ${b} = ${g} × ${b / g}, and ${a / g} and ${b / g} share no factor.`,
          category: CATEGORY,
          tags: ["gcd", "number theory"],
          difficulty: 4,
          bloomLevel: "apply",
        },
        g,
      ),
      numeric(
        {
          text: `What is the least common multiple of ${a} and ${b}?`,
          explanation: `lcm = ${a} × ${b} / gcd(${a}, ${b}) = ${a * b} / ${g} = ${(a * b) / g}.`,
          category: CATEGORY,
          tags: ["lcm", "number theory"],
          difficulty: 5,
          bloomLevel: "apply",
        },
        (a * b) / g,
      ),
    );
  }
  return drafts;
}
