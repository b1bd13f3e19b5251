import type { Hono } from "hono";

type Route = { method: string; path: string };

function patternToRegExp(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      if (segment.startsWith(":")) {
        // `:id{[0-9]+}` carries its own pattern; plain `:id` is one segment.
        const custom = /\{(.+)\}$/.exec(segment);
        return custom ? `(?:${custom[1]})` : "[^/]+";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods a path answers to, so an unmatched request can be told 405 with `Allow`
 * rather than 404. Middleware registrations (method ALL) do not count as routes.
 */
export function allowedMethods(app: Pick<Hono, "routes">, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes as Route[]) {
    if (route.method === "ALL") continue;
    if (patternToRegExp(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}
