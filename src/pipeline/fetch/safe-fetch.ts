import { readCapped } from "../../http/read-capped.ts";
import { isAllowedHost, isPrivateHost } from "./private-address.ts";

export interface SafeFetchOptions {
  /** Hosts that may be fetched although they are private (SCRAPER_ALLOWED_PRIVATE_HOSTS). */
  allowedPrivateHosts: Set<string>;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface FetchedDocument {
  /** After redirects. */
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Why a fetch failed; `retryable` says whether trying again later may help. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

const DEFAULT_MAX_REDIRECTS = 5;

/** Refuses URLs the scraper must not reach: other schemes, credentials, private addresses. */
export function checkUrl(url: URL, allowed: Set<string>): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`only http(s) URLs are fetched, not ${url.protocol}`, false);
  }
  if (url.username || url.password) throw new FetchError("URLs with credentials are not fetched", false);
  if (isPrivateHost(url.hostname) && !isAllowedHost(url.hostname, allowed)) {
    throw new FetchError(
      `${url.hostname} is a private, loopback or link-local address; list it in SCRAPER_ALLOWED_PRIVATE_HOSTS to allow it`,
      false,
    );
  }
}

/**
 * Fetches a document the way an untrusted URL must be: http(s) only, no private addresses,
 * redirects followed by hand (each hop checked again, at most `maxRedirects`), one deadline
 * for the whole exchange, and the body streamed with a byte cap.
 */
export async function safeFetch(target: string, options: SafeFetchOptions): Promise<FetchedDocument> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let url = parseUrl(target);
  try {
    for (let hop = 0; ; hop++) {
      checkUrl(url, options.allowedPrivateHosts);
      const response = await doFetch(url.toString(), { redirect: "manual", signal, headers: options.headers });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new FetchError(`more than ${maxRedirects} redirects`, false);
        url = parseUrl(response.headers.get("location") as string, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
        throw new FetchError(`${url} answered ${response.status}`, retryable);
      }
      const bytes = await readCapped(response, options.maxBytes, (declared) =>
        declared === undefined
          ? new FetchError(`the document is larger than the limit of ${options.maxBytes} bytes`, false)
          : new FetchError(`the document is ${declared} bytes; the limit is ${options.maxBytes}`, false),
      );
      return { url: url.toString(), contentType: response.headers.get("content-type") ?? "", bytes };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (signal.aborted) throw new FetchError(`no complete answer within ${options.timeoutMs} ms`, true);
    throw new FetchError(`fetching ${url} failed: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new FetchError(`not a valid URL: ${text.slice(0, 200)}`, false);
  }
}
