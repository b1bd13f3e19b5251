import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AdminQuestion } from "../../schemas/admin-question.ts";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import { adminFetch } from "../helpers/admin.ts";
import { eventually } from "../helpers/runs.ts";
import { publishSettings } from "../helpers/settings.ts";
import { putSource } from "../helpers/sources.ts";

const tag = crypto.randomUUID().slice(0, 6);
// Two different one-pixel PNGs, so their keys differ.
const PNG_A = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG_B = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Solved ${tag}</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which curve is a parabola (${tag})? <img src="@@PLUGINFILE@@/graph.png"></p>]]></text>
      <file name="graph.png" encoding="base64">${PNG_A}</file>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>See the worked solution: <img src="@@PLUGINFILE@@/solution.png"></p>]]></text>
      <file name="solution.png" encoding="base64">${PNG_B}</file>
    </generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>y = x²</text></answer>
    <answer fraction="0"><text>y = 2x</text></answer>
    <answer fraction="0"><text>y = 1/x</text></answer>
  </question>
</quiz>`;

describe("feedback media", () => {
  it("are stored with the explanation, never in the learner's mediaKeys", async () => {
    const url = await putSource(`feedback/${tag}.xml`, XML);
    await publishSettings({
      "scraper.sources": [{ id: "feedback-xml", url, format: "moodle-xml", enabled: true, language: "en" }],
    });
    const res = await adminFetch("/api/admin/scraper/run", { method: "POST", body: {} });
    const { id } = (await res.json()) as { id: string };
    const run = await eventually(async () => {
      const r = (await (await adminFetch(`/api/admin/scraper/runs/${id}`)).json()) as ScrapeRun;
      expect(r.status).toBe("completed");
      return r;
    }, 45_000);
    expect(run.sources[0]).toMatchObject({ status: "completed", accepted: 1 });

    const search = await SELF.fetch(`http://quiz.test/api/questions/search?q=${tag}`);
    const [found] = ((await search.json()) as { questions: { id: string }[] }).questions;
    const learner = (await (await SELF.fetch(`http://quiz.test/api/questions/${found?.id}`)).json()) as Record<
      string,
      unknown
    >;
    const admin = (await (await adminFetch(`/api/admin/questions/${found?.id}`)).json()) as AdminQuestion;
    expect(admin.mediaKeys).toHaveLength(1);
    expect(admin.explanationMediaKeys).toHaveLength(1);
    const [solution] = admin.explanationMediaKeys;
    expect(admin.explanation).toContain(`/api/media/${solution}`);
    expect(learner.mediaKeys).toEqual(admin.mediaKeys);
    expect(learner).not.toHaveProperty("explanationMediaKeys");
    expect(JSON.stringify(learner)).not.toContain(solution ?? "-");
  }, 60_000);
});
