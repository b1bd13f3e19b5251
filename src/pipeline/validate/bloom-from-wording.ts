import type { BloomLevel } from "../../../schemas/question.ts";

/**
 * Cue words of each Bloom level as they appear in question stems, highest level first: a
 * stem asking to "compare" two things is analysis even if it also starts with "what".
 */
const CUES: [BloomLevel, RegExp][] = [
  ["create", /\b(design|compose|construct|formulate|invent|devise|propose|create|write an?|plan an?|generate)\b/i],
  [
    "evaluate",
    /\b(evaluate|justify|assess|judge|critique|defend|recommend|argue|prioriti[sz]e|which is the (best|most appropriate|most effective)|would you choose)\b/i,
  ],
  [
    "analyze",
    /\b(analy[sz]e|compare|contrast|differentiate|distinguish|examine|infer|categori[sz]e|deduce|what is the relationship|which (of the following )?(best )?explains|what would happen|why (does|do|did|is|are|was|were))\b/i,
  ],
  [
    "apply",
    /\b(calculate|compute|solve|apply|convert|determine|estimate|predict|simplify|evaluate the expression|how (many|much|long|far|fast)|square root|percent(age)? of)\b|\bwhat is -?\d[\d.,]*\s*(\+|-|−|×|x\b|\*|÷|\/|to the power)/i,
  ],
  [
    "understand",
    /\b(explain|describe|summari[sz]e|interpret|classify|paraphrase|illustrate|what does .{1,80} mean|which (of the following )?best describes|main idea|in other words|why)\b/i,
  ],
];

/** The Bloom level a question's wording asks for; plain recall when no cue says otherwise. */
export function bloomFromWording(text: string): BloomLevel {
  for (const [level, cue] of CUES) if (cue.test(text)) return level;
  return "remember";
}

/** A difficulty for questions whose source states none: higher levels are harder. */
export function difficultyForBloom(level: BloomLevel): number {
  const byLevel: Record<BloomLevel, number> = {
    remember: 2,
    understand: 2,
    apply: 3,
    analyze: 4,
    evaluate: 4,
    create: 5,
  };
  return byLevel[level];
}
