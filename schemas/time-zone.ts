import { z } from "@hono/zod-openapi";

/**
 * The canonical IANA name of a time zone, or null when the runtime does not know it
 * ("Europe/Paris" → "Europe/Paris", "utc" → "UTC", "Mars/Olympus" → null). Offsets such as
 * "+02:00" are refused: a streak follows the learner's clock through daylight saving.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone name, canonicalised. */
export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone === null) {
      ctx.addIssue({ code: "custom", message: "an IANA time zone name, e.g. Europe/Paris" });
      return z.NEVER;
    }
    return zone;
  })
  .openapi({ type: "string", example: "Europe/Paris", description: "IANA time zone name" });
