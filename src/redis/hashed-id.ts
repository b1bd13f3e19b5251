/**
 * 24 hex digits of SHA-256 over `namespace:value`: how a learner id (or an address) is named in
 * Redis, so the raw value is never stored at Upstash while the same input always maps to the
 * same name. The namespace keeps names of different uses apart.
 */
export async function hashedId(namespace: string, value: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${namespace}:${value}`)),
  );
  return [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
