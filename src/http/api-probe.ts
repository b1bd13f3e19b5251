import type { z } from "zod";

/**
 * Pages (the admin dashboard, the learner app) read the Worker's own API through the Worker
 * itself, like any client: they render whatever an endpoint answers and say so when a
 * deployment does not have it yet.
 */
export type ApiCall = (
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Response>;

export type Probe<T> =
  | { state: "ok"; data: T; status: number }
  /** The endpoint is not part of this deployment (404 or 405 without a problem of its own). */
  | { state: "missing" }
  /** It answered, but not with the expected shape; shown as it is. */
  | { state: "raw"; data: unknown }
  | { state: "failed"; status: number; detail: string; fields: string[] };

/**
 * Calls one endpoint and sorts the answer into a probe; never throws. A failure keeps the
 * problem's status, detail and the paths of its field errors. A 404 is "missing" only
 * when it is the router's (no route matches); an endpoint's own 404 (unknown topic) is "failed".
 */
export async function probe<T>(
  call: ApiCall,
  path: string,
  shape: z.ZodType<T>,
  init?: Parameters<ApiCall>[1],
): Promise<Probe<T>> {
  try {
    const res = await call(path, init);
    const body: unknown = await res.json().catch(() => null);
    const problem = body as { detail?: unknown; errors?: unknown } | null;
    const detail = problem?.detail;
    if (res.status === 405 || (res.status === 404 && (typeof detail !== "string" || detail.startsWith("no route")))) {
      return { state: "missing" };
    }
    if (!res.ok) {
      const fields = Array.isArray(problem?.errors)
        ? problem.errors.flatMap((e: { path?: unknown }) => (typeof e?.path === "string" ? [e.path] : []))
        : [];
      return {
        state: "failed",
        status: res.status,
        detail: `${res.status}${typeof detail === "string" ? `: ${detail}` : ""}`,
        fields,
      };
    }
    const parsed = shape.safeParse(body);
    return parsed.success ? { state: "ok", data: parsed.data, status: res.status } : { state: "raw", data: body };
  } catch (error) {
    return { state: "failed", status: 0, detail: error instanceof Error ? error.message : "unreachable", fields: [] };
  }
}
