import {
  type Draft,
  type DraftMeta,
  numeric,
  prng,
  selectAll,
  shortAnswer,
  singleChoice,
  trueFalse,
} from "../draft.ts";

const CATEGORY = "biology";

/** Textbook facts about the human body and cells, with plausible wrong options. */
const FACTS: [question: string, answer: string, wrong: string[], explanation: string, difficulty: number][] = [
  [
    "Which organelle carries out photosynthesis in plant cells?",
    "Chloroplast",
    ["Mitochondrion", "Ribosome", "Nucleus"],
    "Chloroplasts hold the chlorophyll that captures light.",
    2,
  ],
  [
    "Which organelle makes most of a cell's ATP by aerobic respiration?",
    "Mitochondrion",
    ["Chloroplast", "Golgi apparatus", "Lysosome"],
    "Mitochondria run the Krebs cycle and the electron transport chain.",
    2,
  ],
  [
    "Where in a cell are proteins assembled from amino acids?",
    "Ribosome",
    ["Nucleus", "Lysosome", "Cell membrane"],
    "Ribosomes translate mRNA into protein.",
    3,
  ],
  [
    "Which blood cells carry oxygen?",
    "Red blood cells",
    ["White blood cells", "Platelets", "Plasma cells"],
    "Haemoglobin in red blood cells binds oxygen.",
    1,
  ],
  [
    "Which gas do plants take in for photosynthesis?",
    "Carbon dioxide",
    ["Oxygen", "Nitrogen", "Hydrogen"],
    "6 CO₂ + 6 H₂O → C₆H₁₂O₆ + 6 O₂.",
    1,
  ],
  [
    "Which organ pumps blood around the human body?",
    "Heart",
    ["Lungs", "Liver", "Kidneys"],
    "The heart is a muscular pump.",
    1,
  ],
  [
    "Which organ filters blood to make urine?",
    "Kidney",
    ["Liver", "Spleen", "Pancreas"],
    "The kidneys filter blood and excrete urine.",
    2,
  ],
  [
    "Which molecule carries genetic information in human cells?",
    "DNA",
    ["ATP", "Glucose", "Collagen"],
    "DNA stores the genome.",
    1,
  ],
];

const BODY_NUMBERS: [question: string, value: number, explanation: string, difficulty: number][] = [
  ["How many chambers does the human heart have?", 4, "Two atria and two ventricles.", 2],
  ["How many chromosomes are in a typical human body cell?", 46, "23 pairs, one set from each parent.", 3],
  [
    "How many bones are in a typical adult human skeleton?",
    206,
    "Bones present at birth fuse, leaving 206 in a typical adult.",
    4,
  ],
  [
    "How many teeth are in a full adult human set, wisdom teeth included?",
    32,
    "8 incisors, 4 canines, 8 premolars, 12 molars.",
    4,
  ],
];

const DNA_BASES = ["adenine", "thymine", "guanine", "cytosine"];

/** Cells, genetics and the human body. */
export function cellBiologyDrafts(): Draft[] {
  const rand = prng(919);
  const drafts: Draft[] = [];
  const base = (tags: string[], difficulty: number, bloomLevel: Draft["bloomLevel"]): DraftMeta => ({
    category: CATEGORY,
    tags,
    difficulty,
    bloomLevel,
  });

  for (const [question, value, explanation, difficulty] of BODY_NUMBERS) {
    drafts.push(numeric({ ...base(["human body"], difficulty, "remember"), text: question, explanation }, value));
  }
  for (const [question, answer, wrong, explanation, difficulty] of FACTS) {
    drafts.push(
      singleChoice(
        { ...base(["cells", "human body"], difficulty, "remember"), text: question, explanation },
        answer,
        wrong,
        rand,
      ),
    );
  }

  drafts.push(
    ...selectAll(
      {
        ...base(["genetics", "dna"], 3, "remember"),
        text: "Select every base found in DNA.",
        explanation: `DNA uses ${DNA_BASES.join(", ")}; uracil replaces thymine in RNA.`,
      },
      [
        ["adenine", true],
        ["uracil", false],
        ["guanine", true],
        ["cytosine", true],
        ["thymine", true],
        ["glycine", false],
      ],
    ),
    shortAnswer(
      {
        ...base(["genetics", "dna"], 3, "remember"),
        text: "Which base pairs with adenine in DNA?",
        explanation: "A pairs with T, G with C.",
      },
      ["thymine", "T"],
    ),
    shortAnswer(
      {
        ...base(["genetics", "dna"], 3, "remember"),
        text: "Which base pairs with guanine in DNA?",
        explanation: "A pairs with T, G with C.",
      },
      ["cytosine", "C"],
    ),
    shortAnswer(
      {
        ...base(["genetics", "rna"], 4, "remember"),
        text: "Which base replaces thymine in RNA?",
        explanation: "RNA uses uracil where DNA uses thymine.",
      },
      ["uracil", "U"],
    ),
    shortAnswer(
      {
        ...base(["cells"], 2, "remember"),
        text: "What is the basic structural unit of all living things?",
        explanation: "Cell theory: all organisms are made of cells.",
      },
      ["the cell", "cell", "cells"],
    ),
    trueFalse(
      {
        ...base(["cells", "plants"], 2, "understand"),
        text: "Plant cells have a cell wall.",
        explanation: "Plant cell walls are made mainly of cellulose.",
      },
      true,
    ),
    trueFalse(
      {
        ...base(["cells", "animals"], 2, "understand"),
        text: "Animal cells have a cell wall.",
        explanation: "Animal cells have a membrane but no cell wall.",
      },
      false,
    ),
    trueFalse(
      {
        ...base(["cells", "plants"], 3, "understand"),
        text: "Plants release oxygen during photosynthesis.",
        explanation: "Oxygen is a product of the light reactions.",
      },
      true,
    ),
    trueFalse(
      {
        ...base(["genetics"], 3, "understand"),
        text: "Typical human body (somatic) cells hold 23 pairs of chromosomes.",
        explanation: "46 chromosomes: 23 pairs.",
      },
      true,
    ),
  );
  // Pairing rules applied: the complementary strand is computed, not typed.
  const pair: Record<string, string> = { A: "T", T: "A", G: "C", C: "G" };
  for (const strand of ["ATGC", "GGCTA", "TTAGC", "CATGCA", "AATTGC", "GCGTAT"]) {
    const complement = [...strand].map((b) => pair[b]).join("");
    drafts.push(
      shortAnswer(
        {
          ...base(["genetics", "dna"], 4, "apply"),
          text: `Write the complementary DNA strand, base by base, for ${strand}.`,
          explanation: `A↔T and G↔C, so ${strand} pairs with ${complement}.`,
        },
        [complement],
      ),
    );
  }
  return drafts;
}
