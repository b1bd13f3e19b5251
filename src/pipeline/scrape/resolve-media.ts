import { type SafeFetchOptions, safeFetch } from "../fetch/safe-fetch.ts";
import type { MediaStore } from "../store/media-store.ts";
import type { MediaReference } from "./source-parser.ts";

export interface MediaDeps {
  store: MediaStore;
  /** The same guards as source fetches, with the media size cap. */
  fetchOptions: SafeFetchOptions;
  /** Same URL within one scrape: fetched once. */
  memo?: Map<string, Promise<string>>;
}

/**
 * Stores a question's media and returns their keys (and, for embedded files, key by file
 * name). A file that cannot be had is reported and left out; the question still goes on.
 */
export async function resolveMedia(
  refs: MediaReference[],
  baseUrl: string,
  deps: MediaDeps,
): Promise<{ keys: string[]; byName: Map<string, string>; errors: string[] }> {
  const keys: string[] = [];
  const byName = new Map<string, string>();
  const errors: string[] = [];
  const memo = deps.memo ?? new Map<string, Promise<string>>();
  for (const ref of refs) {
    try {
      if (ref.kind === "inline") {
        if (ref.bytes.byteLength > deps.fetchOptions.maxBytes) {
          throw new Error(`${ref.name} is larger than ${deps.fetchOptions.maxBytes} bytes`);
        }
        const key = await deps.store.put(ref.bytes, { contentType: ref.contentType, name: ref.name });
        keys.push(key);
        byName.set(ref.name, key);
        continue;
      }
      const url = new URL(ref.url, baseUrl).toString();
      let pending = memo.get(url);
      if (!pending) {
        pending = safeFetch(url, deps.fetchOptions).then((doc) =>
          deps.store.put(doc.bytes, { contentType: doc.contentType }),
        );
        memo.set(url, pending);
      }
      keys.push(await pending);
    } catch (error) {
      const name = ref.kind === "inline" ? ref.name : ref.url;
      errors.push(`${name.slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { keys: [...new Set(keys)], byName, errors };
}
