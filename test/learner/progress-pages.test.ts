import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { StatsResponse } from "../../schemas/progress-api.ts";
import type { Question } from "../../schemas/question.ts";
import { PAGE_CSP } from "../../src/http/page-guards.ts";
import { LEARNER_COOKIE } from "../../src/learner/learner-cookie.ts";
import { LEARNER_MIGRATIONS } from "../../src/sessions/storage/migrations.ts";
import { migrateSchema } from "../../src/sessions/storage/schema-migrations.ts";
import { seedBankById } from "../helpers/bank.ts";
import { api } from "../helpers/http.ts";
import { page } from "../helpers/learner.ts";
import { playSession } from "../helpers/sessions.ts";
import { bearer, learnerToken } from "../helpers/tokens.ts";

let byId: Map<string, Question>;

beforeAll(async () => {
  byId = await seedBankById(env.DB);
});

afterEach(() => {
  vi.useRealTimers();
});

/** A signed-in learner as the API (bearer) and as the pages (the cookie) see them. */
async function learner(prefix: string, name?: string) {
  const id = `${prefix}-${crypto.randomUUID()}`;
  const token = await learnerToken(id, name ? { metadata: { full_name: name } } : {});
  return { id, auth: bearer(token), cookie: `${LEARNER_COOKIE}=${token}` };
}

async function html(path: string, cookie?: string): Promise<string> {
  const res = await page(path, { cookie });
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
  const body = await res.text();
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/);
  return body;
}

async function apiStats(auth: Record<string, string>): Promise<StatsResponse> {
  const res = await api("/api/me/stats", { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as StatsResponse;
}

const objectOf = (learnerId: string) => env.LEARNER.get(env.LEARNER.idFromName(`user:${learnerId}`));

describe("the stats page", () => {
  it("sends anonymous visitors to sign in", async () => {
    for (const path of ["/stats", "/reviews"]) {
      const res = await page(path);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/signin");
    }
  });

  it("shows the figures and a chart with a line per topic over the days answered (fake clock)", async () => {
    const me = await learner("charted");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 10, 28, 9) });
    await playSession(byId, me.auth, { topic: "geography", length: 3 }, [true, true, true]);
    vi.setSystemTime(Date.UTC(2026, 10, 30, 9));
    await playSession(byId, me.auth, { topic: "geography", length: 2 }, [false, false]);
    await playSession(byId, me.auth, { topic: "history", length: 2 }, [true, false]);

    const stats = await apiStats(me.auth);
    const geography = stats.categories.find((c) => c.category === "geography");
    expect(geography?.history.map((d) => [d.day, d.answers])).toEqual([
      ["2026-11-28", 3],
      ["2026-11-30", 2],
    ]);
    // The day's last point is the ability the category ends the day with.
    expect(geography?.history.at(-1)?.theta).toBe(geography?.ability.theta);

    const body = await html("/stats", me.cookie);
    expect(body).toMatch(/data-test="stats-answers">7</);
    expect(body).toContain('data-test="ability-chart"');
    expect(body).toContain('role="img"');
    // Two days apart on a calendar axis: geography runs from the left edge to the right edge.
    expect(body).toMatch(/data-category="geography"><path d="M44 [\d.]+ L624 [\d.]+"/);
    // History has its one day on the same axis, at the right edge.
    expect(body).toMatch(/data-category="history"><path d="M624 [\d.]+"/);
    expect(body).toContain("2026-11-28");
    expect(body).toContain("<title>geography, 2026-11-30: θ");
    expect(body).toMatch(/<th scope="row">history<\/th>/);
  });

  it("speaks Mongolian, and shows no chart before the first answer", async () => {
    const me = await learner("newcomer");
    const res = await page("/stats", { cookie: me.cookie, headers: { "accept-language": "mn" } });
    const body = await res.text();
    expect(body).toContain("Таны статистик");
    expect(body).toContain("Одоогоор хариулт алга");
    expect(body).not.toContain('data-test="ability-chart"');
  });

  it("brings back the history of answers recorded before the history table existed (by UTC day)", async () => {
    const me = await learner("backfilled");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 10, 20, 23, 30) });
    await playSession(byId, me.auth, { topic: "geography", length: 2 }, [true, true]);
    vi.setSystemTime(Date.UTC(2026, 10, 21, 0, 30));
    await playSession(byId, me.auth, { topic: "geography", length: 1 }, [false]);
    const recorded = (await apiStats(me.auth)).categories[0]?.history;
    expect(recorded).toHaveLength(2);

    await runInDurableObject(objectOf(me.id), (_instance, state) => {
      state.storage.sql.exec("DROP TABLE ability_days");
      state.storage.sql.exec("DELETE FROM schema_migrations WHERE name = '0006-ability-history'");
      expect(migrateSchema(state.storage, LEARNER_MIGRATIONS)).toEqual(["0006-ability-history"]);
    });
    expect((await apiStats(me.auth)).categories[0]?.history).toEqual(recorded);
  });
});

describe("the reviews page", () => {
  it("lists the due cards and starts a review session (mode=review) on a topic", async () => {
    const me = await learner("reviewing");
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    await playSession(byId, me.auth, { topic: "geography", length: 2 }, [false, false]);
    const early = await html("/reviews", me.cookie);
    expect(early).toContain("Nothing is due now.");
    expect(early).toContain("The next one falls due on");

    vi.setSystemTime(start + 61_000);
    const body = await html("/reviews", me.cookie);
    expect(body).toMatch(/data-test="reviews-due">2 due now\.</);
    const form = /<form method="post" action="\/quiz">([\s\S]*?)<\/form>/.exec(body)?.[1] ?? "";
    expect(form).toContain('name="mode" value="review"');
    expect(form).toContain('name="topic" value="geography"');
    expect(form).toContain('data-test="start-review"');

    const started = await page("/quiz", {
      cookie: me.cookie,
      form: { topic: "geography", mode: "review", length: "2" },
    });
    expect(started.status).toBe(303);
    const location = started.headers.get("location") ?? "";
    const sessionId = location.slice("/quiz/".length);
    const state = await api(`/api/sessions/${sessionId}`, { headers: me.auth });
    expect(((await state.json()) as { mode: string }).mode).toBe("review");
  });
});

describe("the leaderboard page", () => {
  it("shows the period tabs and topic filter to anyone, and refuses an unknown period", async () => {
    const body = await html("/leaderboard");
    expect(body).toMatch(
      /data-test="period-daily"[^>]*aria-current="page"|aria-current="page"[^>]*data-test="period-daily"/,
    );
    expect(body).toContain('href="/leaderboard?period=weekly"');
    expect(body).toContain('<label for="category">');
    expect(body).toContain('<option value="geography">geography</option>');
    const bad = await page("/leaderboard?period=yearly");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("unknown period");
  });

  it("shows a signed-in learner their row and place, overall and in the topic they played", async () => {
    const name = `Page Player ${crypto.randomUUID().slice(0, 6)}`;
    const me = await learner("ranked", name);
    const { points } = await playSession(byId, me.auth, { topic: "chemistry", length: 3 }, [true, true, true]);
    expect(points).toBeGreaterThan(0);
    // The board is written after the answer's commit; wait (bounded) until it shows.
    let body = "";
    for (let i = 0; i < 50 && !body.includes('data-test="my-row"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = await html("/leaderboard?period=all-time&category=chemistry", me.cookie);
    }
    expect(body).toMatch(
      new RegExp(
        `data-test="my-row"><td class="num">\\d+</td><td>${name} \\(you\\)</td><td class="num">${points}</td>`,
      ),
    );
    expect(body).toMatch(/data-test="my-place">You are number \d+ with \d+ points, shown as /);
    expect(body).toMatch(/<option value="chemistry" selected="">chemistry<\/option>/);
    expect(body).toContain("<caption>All time (all), chemistry</caption>");
  });
});
