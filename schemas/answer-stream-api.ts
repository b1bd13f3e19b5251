import { z } from "@hono/zod-openapi";

export const AnswerDeadLetterView = z
  .object({
    messageId: z.string(),
    kind: z.enum(["poison", "undelivered"]),
    reason: z.string(),
    eventId: z.string().nullable(),
    eventType: z.string().nullable(),
    attempts: z.number().int(),
    body: z.unknown(),
    receivedAt: z.string(),
    replayedAt: z.string().nullable(),
  })
  .openapi("AnswerDeadLetter");

export const AnswerDeadLetterList = z
  .object({
    total: z.number().int(),
    /** Undelivered events not replayed yet (poison is never replayed). */
    pending: z.number().int(),
    items: z.array(AnswerDeadLetterView),
  })
  .openapi("AnswerDeadLetterList");

export const ReplayReport = z.object({ replayed: z.number().int() }).openapi("AnswerReplayReport");
