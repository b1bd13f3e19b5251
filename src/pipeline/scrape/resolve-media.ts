import type { ParsedMedia } from "../parsers/types.ts";
import type { MediaStore } from "../store/media-store.ts";

export interface MediaDeps {
  store: MediaStore;
  /** MEDIA_MAX_BYTES: a larger file is reported and left out. */
  maxBytes: number;
}

/**
 * Stores a question's embedded media and returns their keys, and the key by file name. A
 * file that cannot be stored is reported and left out; the question still goes on.
 */
export async function resolveMedia(
  files: ParsedMedia[],
  deps: MediaDeps,
): Promise<{ keys: string[]; byName: Map<string, string>; errors: string[] }> {
  const keys: string[] = [];
  const byName = new Map<string, string>();
  const errors: string[] = [];
  for (const file of files) {
    try {
      if (file.bytes.byteLength > deps.maxBytes) throw new Error(`larger than ${deps.maxBytes} bytes`);
      const key = await deps.store.put(file.bytes);
      keys.push(key);
      byName.set(file.name, key);
    } catch (error) {
      errors.push(`${file.name.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { keys: [...new Set(keys)], byName, errors };
}
