/** A new session id: 128 random bits, the only key to an anonymous session. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `s_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
