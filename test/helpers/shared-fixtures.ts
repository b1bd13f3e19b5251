import { inject } from "vitest";
import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { base64ToBytes, sourceOf } from "./parse-source.ts";

/** The shared real-world fixtures as bytes by relative path, or null when absent. */
export function sharedFixtures(): Map<string, Uint8Array> | null {
  const files = inject("sharedFixtures");
  if (!files) return null;
  return new Map(Object.entries(files).map(([path, b64]) => [path, base64ToBytes(b64)]));
}

/** The source options a fixture's folder implies. */
export function sourceFor(path: string): ScraperSource {
  const folder = path.split("/")[0];
  switch (folder) {
    case "opentdb":
      return sourceOf("opentdb", { encoding: "default" });
    case "csv":
      // Moodle's qformat_csv layout: all choices in one `;`-separated column, answers as letters.
      return sourceOf("csv", {
        delimiter: ",",
        columns: { question: "questiontext", correct: "answer", incorrect: "choices", explanation: "generalfeedback" },
      });
    case "gift":
    case "aiken":
    case "moodle-xml":
      return sourceOf(folder, {});
    default:
      throw new Error(`no source options for fixture folder '${folder}'`);
  }
}
