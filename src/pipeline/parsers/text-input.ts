/** UTF-8 text of a body, without a byte-order mark; invalid bytes become U+FFFD. */
export function decodeBody(body: Uint8Array): string {
  const text = new TextDecoder("utf-8").decode(body);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads `a.b.0.c` from nested objects and arrays; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Moodle paths like `$course$/top/Geography/Rivers` lose their context and `top` parts. */
export function cleanCategory(path: string): string | null {
  const parts = path
    .trim()
    .split("/")
    .map((p) => p.trim())
    .filter(Boolean);
  while (parts[0] && /^\$\w+\$$/.test(parts[0])) parts.shift();
  if (parts[0]?.toLowerCase() === "top") parts.shift();
  return parts.join("/") || null;
}
