import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ScrapeRun } from "../../schemas/scrape-run.ts";
import type { ScraperSource } from "../../schemas/scraper-source.ts";
import { openOrigin } from "../../src/origin/client.ts";
import { adminFetch } from "../helpers/admin.ts";
import { eventually } from "../helpers/runs.ts";
import { publishSettings } from "../helpers/settings.ts";
import { putSource } from "../helpers/sources.ts";

const tag = crypto.randomUUID().slice(0, 6);
const origin = openOrigin(env.ORIGIN);

// Real-world shapes: GIFT with categories, titles, every supported type, and one matching
// question (skipped: the data model has no matching type) and one broken record.
const GIFT = `// Pipeline end-to-end source ${tag}
$CATEGORY: astronomy-${tag}

::Closest planet::Which planet is closest to the Sun (${tag})?{~Venus =Mercury ~Mars ~Earth}

::Red planet::Mars is known as the red planet (${tag}).{TRUE}

::Moons::How many moons does Mars have (${tag})?{#2}

::Brightest::Name the brightest planet in the night sky (${tag}).{=Venus =planet Venus}

$CATEGORY: chemistry-${tag}

::Noble gases::Which of these are noble gases (${tag})?{~%50%Helium ~%50%Neon ~%-100%Oxygen ~%-100%Nitrogen}

::Pairs::Match the symbols (${tag}).{=Na -> Sodium =K -> Potassium =Fe -> Iron}

::Broken::This question never closes {=yes ~no
`;

const AIKEN = `What is the chemical symbol for gold (${tag})?
A. Ag
B. Au
C. Gd
D. Go
ANSWER: B
`;

async function runToEnd(body?: unknown): Promise<ScrapeRun> {
  const res = await adminFetch("/api/admin/scraper/run", { method: "POST", body });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  return eventually(async () => {
    const run = (await (await adminFetch(`/api/admin/scraper/runs/${id}`)).json()) as ScrapeRun;
    expect(["completed", "failed"]).toContain(run.status);
    return run;
  }, 45_000);
}

async function storedByTag() {
  return origin.sql<
    { id: string; text: string; type: string; category: string; status: string; answer: unknown; choices: unknown }[]
  >`
    SELECT id, text, type, category, status, answer, choices FROM questions WHERE text LIKE ${`%${tag}%`} ORDER BY text`;
}

beforeAll(async () => {
  const sources: ScraperSource[] = [
    { id: "gift-local", url: await putSource(`e2e/${tag}.gift`, GIFT), format: "gift", enabled: true, language: "en" },
    {
      id: "aiken-local",
      url: await putSource(`e2e/${tag}.txt`, AIKEN),
      format: "aiken",
      enabled: true,
      language: "en",
      category: `chemistry-${tag}`,
    },
    { id: "down", url: `${inject("sourceServerUrl")}/status/404`, format: "gift", enabled: true, language: "en" },
  ];
  await publishSettings({ "scraper.sources": sources });
});

describe("a scraper run from the API to the store", () => {
  it("brings a local source's questions in with correct keys and categories; a dead source fails alone", async () => {
    const run = await runToEnd();
    expect(run.status).toBe("completed");
    const byId = Object.fromEntries(run.sources.map((s) => [s.id, s]));
    expect(byId.down?.status).toBe("failed");
    expect(byId["gift-local"]).toMatchObject({
      status: "completed",
      fetched: 7,
      parsed: 5,
      skipped: 1,
      failed: 1,
      duplicates: 0,
      accepted: 5,
    });
    expect(byId["gift-local"]?.errors.map((e) => e.stage).sort()).toEqual(["parse", "skip"]);
    expect(byId["aiken-local"]).toMatchObject({ status: "completed", accepted: 1 });
    expect(run.totals).toMatchObject({ accepted: 6, rejected: 0, review: 0 });

    const stored = await storedByTag();
    expect(stored).toHaveLength(6);
    const find = (start: string) => stored.find((q) => q.text.startsWith(start));
    const closest = find("Which planet is closest");
    expect(closest).toMatchObject({ type: "single_choice", category: `astronomy-${tag}`, status: "active" });
    if (!closest) throw new Error("the closest-planet question is missing");
    const choices = closest.choices as { id: string; text: string }[];
    const key = (closest.answer as { correct: string[] }).correct;
    expect(choices.filter((c) => key.includes(c.id)).map((c) => c.text)).toEqual(["Mercury"]);
    expect(find("Mars is known")).toMatchObject({ type: "true_false", answer: { kind: "choices", correct: ["true"] } });
    expect(find("How many moons")).toMatchObject({ type: "numeric", answer: { kind: "numeric", value: 2 } });
    expect(find("Name the brightest")).toMatchObject({ type: "short_answer", answer: { kind: "text" } });
    const gases = find("Which of these are noble gases");
    expect(gases).toMatchObject({ type: "multiple_choice", category: `chemistry-${tag}` });
    expect(find("What is the chemical symbol for gold")).toMatchObject({
      category: `chemistry-${tag}`,
      status: "active",
    });

    // Learners get them from the question API, without the answer key.
    const res = await SELF.fetch(`http://quiz.test/api/questions/${closest.id}`);
    expect(res.status).toBe(200);
    const served = (await res.json()) as Record<string, unknown>;
    expect(served).toMatchObject({ id: closest.id, text: closest.text, category: `astronomy-${tag}` });
    expect(served).not.toHaveProperty("answer");

    // The edge copy holds the same active questions.
    const edge = await env.DB.prepare("SELECT count(*) AS n FROM questions WHERE text LIKE ?1 AND status = 'active'")
      .bind(`%${tag}%`)
      .first<{ n: number }>();
    expect(edge?.n).toBe(6);
  }, 60_000);

  it("adds nothing when run again", async () => {
    const before = await storedByTag();
    const run = await runToEnd({ sources: ["gift-local", "aiken-local"] });
    expect(run.status).toBe("completed");
    expect(run.totals).toMatchObject({ accepted: 0, review: 0, rejected: 0, duplicates: 6 });
    expect(await storedByTag()).toEqual(before);
  }, 60_000);
});
