/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

// The sources as text, read by Vite when the test is built (workerd itself has no file system).
const sources = import.meta.glob<string>("/src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });
const app = import.meta.glob<string>("/workers/app.ts", { query: "?raw", import: "default", eager: true })[
  "/workers/app.ts"
] as string;

// The domains' routers; src/http/ is the shell (middleware, error handlers and the document of the whole app).
const routerFiles = Object.entries(sources).filter(
  ([path, text]) => !path.startsWith("/src/http/") && text.includes("createRouter()"),
);

describe("one way to register routes", () => {
  it("finds the routers", () => {
    expect(routerFiles.length).toBeGreaterThan(10);
  });

  it("no registerX(router) functions: files export routes and handlers, or a router", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.startsWith("/src/http/"))
      .filter(([, text]) => /export function register[A-Z]\w*\(\s*\w+: OpenAPIHono/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("routes are added in the router's chain only: no statements or loops on a router variable", () => {
    const offenders = routerFiles.flatMap(([path, text]) =>
      text
        .split("\n")
        .filter((line) => /^\s*[A-Za-z_$][\w$]*\.(openapi|use|get|post|put|delete|on|route)\(/.test(line))
        .map((line) => `${path}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it("every domain router is mounted in workers/app.ts with .route()", () => {
    const exported = routerFiles.flatMap(([, text]) =>
      [...text.matchAll(/export const (\w+) = createRouter\(\)/g)].map((m) => m[1] as string),
    );
    expect(exported.length).toBeGreaterThan(10);
    for (const name of exported) expect(app, name).toMatch(new RegExp(`\\.route\\(\\s*"/",\\s*${name}\\s*\\)`));
  });
});
