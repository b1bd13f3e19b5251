/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

// The cache's sources as text, bundled by Vite at build time (workerd has no file system).
const sources = import.meta.glob<string>("../../src/cache/*.ts", { query: "?raw", import: "default", eager: true });

describe("src/cache/", () => {
  it("is generic: it imports nothing from a domain folder", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    const imports = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => `${file.split("/").at(-1)} -> ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(5);
    const domain = imports.filter((line) =>
      /-> \.\.\/(questions|sessions|pipeline|learner|media|analytics)\//.test(line),
    );
    expect(domain).toEqual([]);
  });
});
