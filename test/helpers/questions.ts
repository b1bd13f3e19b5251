import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type { QuestionWriteInput } from "../../schemas/question-write.ts";
import { openOrigin } from "../../src/origin/client.ts";
import type { WriteDeps } from "../../src/questions/write-through.ts";

/**
 * Questions for tests that write: a category of their own (the origin is shared by every test
 * file in a run, so writes must not touch the bank's categories), distinct texts per call.
 */
export function testQuestions(count: number, options: { category?: string; tag?: string } = {}): QuestionWriteInput[] {
  const run = crypto.randomUUID().slice(0, 8);
  const category = options.category ?? `test-${run}`;
  return Array.from({ length: count }, (_, i) => ({
    type: "single_choice",
    text: `Test question ${run}-${i}: which letter comes first?`,
    choices: [
      { id: "a", text: `alpha ${run}-${i}` },
      { id: "b", text: `beta ${run}-${i}` },
    ],
    answer: { kind: "choices", correct: ["a"] },
    explanation: "Alpha precedes beta.",
    category,
    tags: [options.tag ?? "test"],
    difficulty: 2,
    bloomLevel: "remember",
    source: "test",
  }));
}

/** Write-path dependencies on the test bindings; `settle` waits for their background work. */
export function writeDeps(): WriteDeps & { settle(): Promise<void> } {
  const ctx = createExecutionContext();
  return { env, origin: openOrigin(env.ORIGIN), ctx, settle: () => waitOnExecutionContext(ctx) };
}
