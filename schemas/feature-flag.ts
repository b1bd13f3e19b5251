import { z } from "@hono/zod-openapi";

const UserIds = z.array(z.string().min(1).max(200)).max(1000).default([]);

/**
 * A feature flag: on/off, a percentage of users (sticky by user id), and explicit allow and
 * deny lists that win over the percentage. A bare boolean is accepted as shorthand.
 */
export const FeatureFlag = z.preprocess(
  (value) => (typeof value === "boolean" ? { enabled: value } : value),
  z.object({
    enabled: z.boolean(),
    rolloutPercent: z.number().min(0).max(100).default(100),
    allow: UserIds,
    deny: UserIds,
  }),
);
export type FeatureFlag = z.infer<typeof FeatureFlag>;
