import { z } from "@hono/zod-openapi";

export const SYNTHETIC_STEPS = ["topics", "sign_in", "start_quiz", "question_card", "answer", "finish"] as const;

export const SyntheticStep = z.object({
  name: z.enum(SYNTHETIC_STEPS),
  ok: z.boolean(),
  /** Wall time of the step's request, as the Worker measured it. */
  ms: z.number().min(0),
  status: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type SyntheticStep = z.infer<typeof SyntheticStep>;

export const SyntheticRun = z
  .object({
    id: z.string(),
    trigger: z.enum(["schedule", "manual"]),
    startedAt: z.string(),
    ok: z.boolean().nullable().openapi({ description: "null while the run is in progress" }),
    failedStep: z.string().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    steps: z.array(SyntheticStep),
  })
  .openapi("SyntheticRun");
export type SyntheticRun = z.infer<typeof SyntheticRun>;

export const SyntheticRunList = z.object({ runs: z.array(SyntheticRun) }).openapi("SyntheticRunList");
export type SyntheticRunList = z.infer<typeof SyntheticRunList>;
