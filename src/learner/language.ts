import { LANGUAGES, type Language } from "./messages.ts";

export const LANGUAGE_COOKIE = "lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The page language: the learner's own choice (the switch sets a cookie) wins, then the best
 * match of `Accept-Language` by its q-values (`mn-MN` matches `mn`), then English.
 */
export function pickLanguage(choice: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(choice)) return choice;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? "en";
}

/** Where the language switch may send the learner back to: a path of this site, never another origin. */
export function safeReturnPath(raw: string | undefined): string {
  return raw && /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : "/";
}
