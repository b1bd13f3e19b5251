/** When learner data marks a question as unhealthy (see question-health.ts). */
export const HEALTH_POLICY = {
  /** Answers before any flag is raised: below this, p-values and correlations are noise. */
  minAnswers: 30,
  /** A point-biserial correlation below this: stronger learners do worse than weaker ones. */
  minDiscrimination: 0,
  /** p-values at or beyond these, after minAnswers, teach nothing about anyone. */
  lowP: 0.05,
  highP: 0.95,
  /** Strong learners: the upper third of a question's answerers by ability. */
  strongQuantile: 2 / 3,
  /** Strong learners' choices needed before the key is judged against the distractors. */
  minStrongAnswers: 10,
} as const;

export type HealthPolicy = typeof HEALTH_POLICY;
