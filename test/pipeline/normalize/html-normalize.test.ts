import { describe, expect, it } from "vitest";
import { decodeHtmlEntities } from "../../../src/pipeline/normalize/html-entities.ts";
import { htmlToText } from "../../../src/pipeline/normalize/html-to-text.ts";
import { isSafeUrl } from "../../../src/pipeline/normalize/safe-url.ts";
import { normalizeWhitespace, singleLine } from "../../../src/pipeline/normalize/whitespace.ts";

describe("decodeHtmlEntities", () => {
  it("knows the whole HTML 4 set, the ones OpenTDB uses included", () => {
    expect(decodeHtmlEntities("&quot;&#039;&amp;&eacute;&pi;&rsquo;&Phi;&Psi;&Tau;&Omicron;&Nu;&sigmaf;")).toBe(
      "\"'&éπ’ΦΨΤΟΝς",
    );
    expect(decodeHtmlEntities("Jamaica&lrm;|Hyper&shy;text|&thetasym;&lang;&rang;")).toBe(
      "Jamaica\u200e|Hyper\u00adtext|ϑ⟨⟩",
    );
  });

  it("reads numeric references, Windows-1252 ones as browsers do, and bad ones as U+FFFD", () => {
    expect(decodeHtmlEntities("&#8217;&#x2019;&#146;&#150;&#0;&#xD800;")).toBe("’’’–\uFFFD\uFFFD");
  });

  it("needs a ';' after a name, except for the few written bare in real pages", () => {
    expect(decodeHtmlEntities("AT&T R&D; &eacute &unknown; &amp")).toBe("AT&T R&D; &eacute &unknown; &");
    expect(decodeHtmlEntities("a&nbsp b &lt;3 &ampx")).toBe("a\u00a0 b <3 &ampx");
  });
});

describe("htmlToText", () => {
  it("drops scripts, styles, comments and tags, decodes entities, collapses whitespace", () => {
    const html = `<style>p{color:red}</style><p>Caf&eacute;   &amp;
      <b>bar</b><script>alert("x")</script><!-- hidden --></p><p>Line&nbsp;two&#33; &#x263A; &rsquo;</p>`;
    expect(htmlToText(html)).toBe("Café & bar\n\nLine two! \u263a \u2019");
  });

  it("leaves text that is not markup alone", () => {
    expect(htmlToText("2 < 3 and 5 > 4 & so on")).toBe("2 < 3 and 5 > 4 & so on");
    expect(htmlToText("a <INSERT IMAGE HERE> b", { knownTagsOnly: true })).toBe("a <INSERT IMAGE HERE> b");
    expect(htmlToText("a <b>bold</b> b", { knownTagsOnly: true })).toBe("a bold b");
    expect(htmlToText("Is a<b and b<c?")).toBe("Is a<b and b<c?");
  });

  it("renders lines: <br> only before more text, list items with a dash, table cells joined", () => {
    expect(htmlToText("<p>one<br>two<br></p><div>three</div>")).toBe("one\ntwo\n\nthree");
    expect(htmlToText("Pick:<ul><li>red</li><li>blue <i>dark</i></li></ul>done")).toBe(
      "Pick:\n\n- red\n- blue dark\n\ndone",
    );
    expect(htmlToText("<table><tr><th>x</th><th>y<br></th></tr><tr><td>1</td><td>2</td></tr></table>")).toBe(
      "x | y\n1 | 2",
    );
  });

  it("keeps the spacing of <pre> and nothing hidden inside nested hidden elements", () => {
    expect(htmlToText("<p>Code:</p><pre><code>if x:\n    y = 1</code></pre>")).toBe("Code:\n\nif x:\n    y = 1");
    expect(htmlToText("a<svg><svg><text>t</text></svg><text>u</text></svg>b")).toBe("ab");
  });

  it("keeps only the images it is asked to, Markdown-style, and never unsafe ones", () => {
    const html = `See <img src="@@PLUGINFILE@@/graph%201.png" alt="a [graph]"> and <img src="https://x.test/y.png">
      <img src="javascript:alert(1)"> <img src="data:image/png;base64,AAAA">`;
    expect(htmlToText(html)).toBe("See and");
    expect(htmlToText(html, { keepImage: (src) => src.startsWith("@@PLUGINFILE@@/") })).toBe(
      "See ![a graph](@@PLUGINFILE@@/graph%201.png) and",
    );
    expect(htmlToText(html, { keepImage: () => true })).toBe(
      "See ![a graph](@@PLUGINFILE@@/graph%201.png) and ![](https://x.test/y.png)",
    );
  });
});

describe("isSafeUrl", () => {
  it("accepts relative, http(s) and mailto URLs and nothing else", () => {
    for (const url of ["/a/b.png", "b.png", "https://x.test", "HTTP://x.test", "mailto:a@b.test", "@@PLUGINFILE@@/x"]) {
      expect(isSafeUrl(url), url).toBe(true);
    }
    for (const url of ["javascript:x", " JaVaScRiPt:x", "java\nscript:x", "vbscript:x", "data:x", "file:///etc"]) {
      expect(isSafeUrl(url), url).toBe(false);
    }
  });
});

describe("whitespace", () => {
  it("normalizes spaces, invisible characters and line ends", () => {
    expect(normalizeWhitespace("  Hyper\u00adtext\u200b  is\u00a0\tfun \r\n\r\n\r\n\r\n  really\u200e ")).toBe(
      "Hypertext is fun\n\nreally",
    );
    expect(singleLine(" Jamaica\u200e \n Kingston ")).toBe("Jamaica Kingston");
    expect(normalizeWhitespace("e\u0301")).toBe("é");
  });
});
