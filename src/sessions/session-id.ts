import { LOCATION_HINTS, type LocationHint } from "./location-hint.ts";

/**
 * A new session id: `s_` and 32 hex digits. The first digit names the location hint of an
 * anonymous session's object (0: none), the other 124 bits are random, the only key to an
 * anonymous session.
 */
export function newSessionId(hint: LocationHint | null = null): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((hint === null ? 0 : LOCATION_HINTS.indexOf(hint) + 1) << 4) | ((bytes[0] as number) & 0x0f);
  return `s_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The location hint a session id carries (null: none, or an id from before hints). */
export function sessionLocationHint(sessionId: string): LocationHint | null {
  return LOCATION_HINTS[Number.parseInt(sessionId.charAt(2), 16) - 1] ?? null;
}
