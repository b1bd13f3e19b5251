/**
 * URL checks for links and images kept from imported HTML. Browsers ignore control characters
 * and whitespace inside a scheme ("java\tscript:", " javascript:"), so the scheme is read the
 * way they read it before it is compared against the allow-list.
 */

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/** Moodle's placeholder for files embedded in the same export; mapped to stored media later. */
export const PLUGINFILE_PREFIX = "@@PLUGINFILE@@/";

/** The scheme of a URL as a browser would see it, lower case, or null for a relative URL. */
export function urlScheme(url: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these before parsing
  const squeezed = url.replace(/[\u0000-\u0020\u007F-\u009F]/g, "");
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(squeezed);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/**
 * True for http(s) and mailto URLs, Moodle file references and relative URLs; false for
 * `javascript:`, `vbscript:`, `data:` and every other scheme.
 */
export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith(PLUGINFILE_PREFIX)) return true;
  // Relative URLs (no scheme) stay on the page's own origin or its own protocol.
  const scheme = urlScheme(trimmed);
  return scheme === null || ALLOWED_SCHEMES.has(scheme);
}
