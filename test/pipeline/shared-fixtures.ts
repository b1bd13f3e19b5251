import { inject } from "vitest";
import { base64ToBytes } from "./helpers.ts";

/** The shared real-world fixtures as bytes by relative path, or null when absent. */
export function sharedFixtures(): Map<string, Uint8Array> | null {
  const files = inject("sharedFixtures");
  if (!files) return null;
  return new Map(Object.entries(files).map(([path, b64]) => [path, base64ToBytes(b64)]));
}
