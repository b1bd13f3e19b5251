import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PAGE_CSP } from "../../src/http/page-guards.ts";

const BASE = "http://quiz.test";

/** Every script and stylesheet the page loads, as written in its markup. */
function subresources(html: string): { scripts: string[]; styles: string[]; inlineScripts: number } {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] as string);
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(
    (m) => (m[1] as string).trim() !== "",
  ).length;
  return { scripts, styles, inlineScripts };
}

describe("API reference page (/api/docs)", () => {
  it("loads only same-origin scripts and styles, none inline, under the pages' strict CSP", async () => {
    const res = await SELF.fetch(`${BASE}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const { scripts, styles, inlineScripts } = subresources(await res.text());
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    expect(inlineScripts).toBe(0);
    for (const src of [...scripts, ...styles]) {
      expect(new URL(src, BASE).origin, src).toBe(BASE);
    }
  });

  it("serves each of them from the Worker with 200, the right type and the same CSP", async () => {
    const html = await (await SELF.fetch(`${BASE}/api/docs`)).text();
    const { scripts, styles } = subresources(html);
    for (const [paths, type] of [
      [scripts, "javascript"],
      [styles, "text/css"],
    ] as const) {
      for (const path of paths) {
        const res = await SELF.fetch(new URL(path, BASE));
        expect(res.status, path).toBe(200);
        expect(res.headers.get("content-type"), path).toContain(type);
        expect(res.headers.get("content-security-policy"), path).toBe(PAGE_CSP);
        expect((await res.text()).length, path).toBeGreaterThan(100);
      }
    }
  });

  it("points Swagger UI at the document and serves the pinned bundle", async () => {
    const html = await (await SELF.fetch(`${BASE}/api/docs`)).text();
    const { scripts } = subresources(html);
    const bodies = await Promise.all(scripts.map(async (s) => (await SELF.fetch(new URL(s, BASE))).text()));
    expect(bodies.some((b) => b.includes("SwaggerUIBundle"))).toBe(true);
    expect(bodies.some((b) => b.includes("/api/openapi.json"))).toBe(true);
  });

  it("hands out only the files the page needs, not the whole package", async () => {
    for (const path of ["/api/docs/package.json", "/api/docs/index.html", "/api/docs/swagger-ui-bundle.js.map"]) {
      expect((await SELF.fetch(`${BASE}${path}`)).status, path).toBe(404);
    }
  });
});
