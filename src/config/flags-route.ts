import { createRoute, z } from "@hono/zod-openapi";
import { getCookie, setCookie } from "hono/cookie";
import { PUBLIC } from "../http/openapi-security.ts";
import { problemContent } from "../http/problem.ts";
import { createRouter } from "../http/router.ts";
import { evaluateFlags } from "./flags.ts";
import { loadSettings } from "./read-config.ts";

const ANON_COOKIE = "anon_id";
const ANON_ID = /^anon_[0-9a-f-]{36}$/;

const Flags = z
  .object({
    user_id: z.string(),
    anonymous: z.boolean(),
    revision: z.number().int(),
    flags: z.record(z.string(), z.boolean()),
  })
  .openapi("Flags");

const route = createRoute({
  method: "get",
  operationId: "getFlags",
  security: PUBLIC,
  path: "/api/flags",
  tags: ["Flags"],
  summary: "The caller's feature flags",
  description:
    "Evaluated for the learner of the bearer token, or for a stable anonymous id kept in the `anon_id` cookie. Bucketing: MurmurHash3 x86 32 of `<flag key>:<user id>` mod 100, below the rollout percentage is on.",
  responses: {
    200: { description: "Flags", content: { "application/json": { schema: Flags } } },
    401: problemContent("Bad token"),
  },
});

export const flagsRoutes = createRouter().openapi(route, async (c) => {
  let userId = c.var.learner?.id;
  if (!userId) {
    const cookie = getCookie(c, ANON_COOKIE);
    userId = cookie && ANON_ID.test(cookie) ? cookie : `anon_${crypto.randomUUID()}`;
    if (userId !== cookie) {
      setCookie(c, ANON_COOKIE, userId, {
        httpOnly: true,
        secure: true,
        sameSite: "Lax",
        path: "/",
        maxAge: 31_536_000,
      });
    }
  }
  const { settings, revision } = await loadSettings(c.env.CONFIG_KV);
  const decisions = evaluateFlags(settings, userId);
  c.header("cache-control", "private, no-store");
  return c.json(
    {
      user_id: userId,
      anonymous: !c.var.learner,
      revision,
      flags: Object.fromEntries(Object.entries(decisions).map(([name, d]) => [name, d.enabled])),
    },
    200,
  );
});
