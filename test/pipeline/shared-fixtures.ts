import { inject } from "vitest";
import { base64ToBytes } from "./helpers.ts";

declare module "vitest" {
  interface ProvidedContext {
    /** ../shared/fixtures as base64 by relative path, or null when the folder is absent. */
    sharedFixtures: Record<string, string> | null;
  }
}

/** The shared real-world fixtures as bytes by relative path, or null when absent. */
export function sharedFixtures(): Map<string, Uint8Array> | null {
  const files = inject("sharedFixtures");
  if (!files) return null;
  return new Map(Object.entries(files).map(([path, b64]) => [path, base64ToBytes(b64)]));
}
