import { inject } from "vitest";

/** Serves `body` from the local source server at `/files/<name>`; returns its URL. */
export async function putSource(
  name: string,
  body: string | Uint8Array,
  options: { contentType?: string; failTimes?: number } = {},
): Promise<string> {
  const base = inject("sourceServerUrl");
  const headers: Record<string, string> = {};
  if (options.contentType) headers["x-content-type"] = options.contentType;
  if (options.failTimes) headers["x-fail-times"] = String(options.failTimes);
  const res = await fetch(`${base}/files/${name}`, { method: "PUT", body, headers });
  if (res.status !== 204) throw new Error(`source server refused ${name}: ${res.status}`);
  return `${base}/files/${name}`;
}

/** How often the source server has been asked for `/files/<name>`. */
export async function sourceHits(name: string): Promise<number> {
  const res = await fetch(`${inject("sourceServerUrl")}/hits/${name}`);
  return ((await res.json()) as { hits: number }).hits;
}
