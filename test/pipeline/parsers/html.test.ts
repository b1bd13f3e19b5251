import { describe, expect, it } from "vitest";
import { correctOf, need, parse, sourceOf } from "../../helpers/parse-source.ts";

const html = sourceOf("html", {
  selectors: { item: "div.q", question: "h3", correct: ".right", incorrect: ".wrong", category: ".cat" },
});

describe("HTML", () => {
  it("collects each item's parts with HTMLRewriter", async () => {
    const page = `<!doctype html><html><body>
      <div class="q"><span class="cat">Geo&shy;graphy</span><h3>Capital of <em>France</em> &amp; more?</h3>
        <ul><li class="wrong">Lyon</li><li class="right">Paris</li><li class="wrong">Nice &eacute;</li></ul></div>
      <div class="q"><h3>Is water wet?</h3><p class="right">True</p><p class="wrong">False</p></div>
      <div class="q"><h3>No correct answer here</h3><p class="wrong">x</p></div>
      <div class="q"><p class="right">no question</p></div>
    </body></html>`;
    const { questions, errors } = await parse(html, page);
    const [a, b] = questions;
    expect(a?.text).toBe("Capital of France & more?");
    expect(a?.category).toBe("Geography");
    expect(a?.choices.map((c) => c.text)).toEqual(["Lyon", "Nice é", "Paris"]);
    expect(correctOf(need(a))).toEqual(["Paris"]);
    expect(b?.type).toBe("true_false");
    expect(errors.map((e) => e.index)).toEqual([2, 3]);
  });

  it("reads nested text and <br>, but not scripts or styles inside an item", async () => {
    const page = `<div class="q"><h3>Line one<br>line <b>two</b><script>var x = "<b>no</b>";</script>?</h3>
      <p class="right">Yes<style>.x{}</style></p><p class="wrong">No</p></div>`;
    const { questions, errors } = await parse(html, page);
    expect(errors).toEqual([]);
    expect(questions[0]?.text).toBe("Line one line two?");
    expect(questions[0]?.choices.map((c) => c.text)).toEqual(["No", "Yes"]);
  });
});
