import { describe, expect, it } from "vitest";
import type { PublicQuestion } from "../../schemas/question.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";

describe("the language filter", () => {
  it("narrows random, list and search to one language", async () => {
    const deps = writeDeps();
    const inputs = testQuestions(4);
    const category = inputs[0]?.category ?? "";
    const languages = ["mn", "mn", "en", "nl"];
    await upsertQuestions(
      deps,
      inputs.map((q, i) => ({ ...q, language: languages[i] ?? "en" })),
    );
    await deps.settle();
    const list = (await (await api(`/api/questions?category=${category}&language=mn`)).json()) as {
      questions: PublicQuestion[];
    };
    expect(list.questions.map((q) => q.language)).toEqual(["mn", "mn"]);
    const all = (await (await api(`/api/questions?category=${category}`)).json()) as { questions: PublicQuestion[] };
    expect(all.questions).toHaveLength(4);
    for (let i = 0; i < 5; i++) {
      const random = (await (
        await api(`/api/questions/random?category=${category}&language=NL`)
      ).json()) as PublicQuestion;
      expect(random.language).toBe("nl");
    }
    const word = inputs[0]?.text.split(" ")[2]?.split("-")[0] ?? ""; // the run id every text holds
    const search = (await (await api(`/api/questions/search?q=${encodeURIComponent(word)}&language=en`)).json()) as {
      questions: PublicQuestion[];
    };
    expect(search.questions.map((q) => q.language)).toEqual(["en"]);
    expect((await api(`/api/questions/random?category=${category}&language=fr`)).status).toBe(404);
    await expectProblem(await api("/api/questions?language=english"), 400);
  });
});
