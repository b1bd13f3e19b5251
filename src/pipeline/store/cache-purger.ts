/** Drops edge cache entries that may hold stale answers about these questions. */
export interface CachePurger {
  purgeQuestions(questions: { id: string; category: string }[]): Promise<void>;
}
