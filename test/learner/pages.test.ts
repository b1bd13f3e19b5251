import { describe, expect, it } from "vitest";
import { PAGE_CSP } from "../../src/http/page-guards.ts";
import { LEARNER_COOKIE } from "../../src/learner/learner-cookie.ts";
import { cookieFrom, page } from "../helpers/learner.ts";

describe("learner pages", () => {
  it("are served with the dashboard's strict CSP and no inline script or style", async () => {
    for (const path of ["/", "/signin", "/auth/callback"]) {
      const res = await page(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    }
  });

  it("the home page offers the start form to anonymous learners", async () => {
    const html = await (await page("/")).text();
    expect(html).toMatch(/<form method="post" action="\/quiz">[\s\S]*data-test="start-quiz"/);
    expect(html).toContain('<label for="topic">');
    expect(html).toContain('<html lang="en">');
  });

  it("speaks Mongolian when Accept-Language asks for it, or after the switch", async () => {
    const byHeader = await (await page("/", { headers: { "accept-language": "mn-MN,mn;q=0.9,en;q=0.5" } })).text();
    expect(byHeader).toContain('<html lang="mn">');
    expect(byHeader).toContain("Тест эхлүүлэх");

    const switched = await page("/lang/mn?next=/signin");
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/signin");
    const cookie = cookieFrom(switched, "lang") ?? "";
    const html = await (await page("/signin", { cookie, headers: { "accept-language": "en" } })).text();
    expect(html).toContain('<html lang="mn">');
    expect(html).toContain("GitHub-ээр нэвтрэх");
  });

  it("the language switch only returns to paths of this site", async () => {
    for (const next of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const res = await page(`/lang/en?next=${encodeURIComponent(next)}`);
      expect(res.headers.get("location")).toBe("/");
    }
    expect((await page("/lang/fr")).status).toBe(404);
  });

  it("a page failing says so as a page with the request id", async () => {
    const res = await page("/quiz/not-a-session");
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).toContain(`Request ${res.headers.get("x-request-id")}`);
  });

  it("anonymous pages set no learner cookie", async () => {
    expect(cookieFrom(await page("/"), LEARNER_COOKIE)).toBeNull();
  });
});
