import { type Draft, numeric, prng, selectAll, singleChoice, trueFalse } from "../draft.ts";

const CATEGORY = "mathematics";

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** Arithmetic, percentages and primes: every answer is computed, so none can be wrong. */
export function mathematicsDrafts(): Draft[] {
  const rand = prng(101);
  const drafts: Draft[] = [];

  // Multiplication tables: single choice with near-miss distractors.
  for (let a = 3; a <= 12; a++) {
    for (const b of [7, 8, 9, 11, 12, 13]) {
      const product = a * b;
      const difficulty = a * b > 100 ? 2 : 1;
      drafts.push(
        singleChoice(
          {
            text: `What is ${a} × ${b}?`,
            explanation: `${a} × ${b} = ${product}.`,
            category: CATEGORY,
            tags: ["arithmetic", "multiplication"],
            difficulty,
            bloomLevel: "apply",
          },
          String(product),
          [String(product + a), String(product - b), String(product + 10)],
          rand,
        ),
      );
    }
  }

  // Percentages: numeric answers.
  for (const pct of [5, 10, 12.5, 15, 20, 25, 40, 75]) {
    for (const whole of [40, 80, 120, 200, 360]) {
      const value = (pct * whole) / 100;
      drafts.push(
        numeric(
          {
            text: `What is ${pct}% of ${whole}?`,
            explanation: `${pct}% of ${whole} = ${pct} / 100 × ${whole} = ${value}.`,
            category: CATEGORY,
            tags: ["percentages"],
            difficulty: Number.isInteger(pct) && pct % 5 === 0 ? 2 : 3,
            bloomLevel: "apply",
          },
          value,
          0.001,
        ),
      );
    }
  }

  // Primality: true/false.
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

  // Select every prime in a window of six numbers.
  for (let start = 20; start <= 110; start += 6) {
    const window = [0, 1, 2, 3, 4, 5].map((k) => start + k * 2 + 1);
    if (!window.some(isPrime) || window.every(isPrime)) continue;
    drafts.push(
      selectAll(
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

  // Squares and square roots at the hard end.
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
  return drafts;
}
