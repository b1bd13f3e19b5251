import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { SOURCE_MAX_BYTES } from "../../workers/composition.ts";
import { HOSTILE_SOURCES } from "../bench/hostile-inputs.ts";
import { adminFetch } from "../helpers/admin.ts";
import { eventually } from "../helpers/runs.ts";
import { publishSettings } from "../helpers/settings.ts";
import { putSource } from "../helpers/sources.ts";

const tag = crypto.randomUUID().slice(0, 6);
// Just under the fetch cap, so each document reaches its parser.
const SIZE = SOURCE_MAX_BYTES - 64 * 1024;

function optionsFor(format: ScraperSource["format"]): Record<string, unknown> {
  const mapping = { question: "question", correct: "correct", incorrect: "incorrect" };
  if (format === "csv") return { columns: mapping };
  if (format === "json") return { fields: mapping };
  if (format === "html") return { selectors: { item: "li", question: "b", correct: "i", incorrect: "s" } };
  return {};
}

describe("a run over hostile sources", () => {
  it("fails each 8 MB hostile source with a reason; the good source completes and health answers throughout", async () => {
    // The GIFT line of spaces is one valid question once its spaces collapse.
    const hostile = HOSTILE_SOURCES.filter((c) => !/line of spaces/.test(c.name));
    const sources: ScraperSource[] = [];
    for (const [i, c] of hostile.entries()) {
      const url = await putSource(`hostile/${tag}-${i}`, c.make(SIZE));
      sources.push({
        id: `hostile-${i}`,
        url,
        format: c.format,
        enabled: true,
        language: "en",
        ...optionsFor(c.format),
      } as ScraperSource);
    }
    const good = `Which planet is closest to the Sun (${tag})?{~Venus =Mercury ~Mars}\n`;
    sources.push({
      id: "good",
      url: await putSource(`hostile/${tag}.gift`, good),
      format: "gift",
      enabled: true,
      language: "en",
    });
    await publishSettings({ "scraper.sources": sources });

    const res = await adminFetch("/api/admin/scraper/run", { method: "POST", body: {} });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const health: number[] = [];
    const run = await eventually(async () => {
      const h = await SELF.fetch("http://quiz.test/api/health");
      await h.body?.cancel();
      health.push(h.status);
      const r = (await (await adminFetch(`/api/admin/scraper/runs/${id}`)).json()) as ScrapeRun;
      expect(r.status).toBe("completed");
      return r;
    }, 120_000);

    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    const byId = new Map(run.sources.map((s) => [s.id, s]));
    expect(byId.get("good")).toMatchObject({ status: "completed", accepted: 1 });
    for (const [i, c] of hostile.entries()) {
      const s = byId.get(`hostile-${i}`);
      expect(s?.status, c.name).toBe("failed");
      const reason = s?.errors[0]?.message ?? "";
      expect(reason, c.name).toMatch(/more than \d+ (records|elements)|nested deeper|not well-formed|runs over/);
    }
  }, 180_000);
});
