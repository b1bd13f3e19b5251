import type { AnswerKey, QuestionType } from "../../../schemas/question.ts";
import { SourceFormatError } from "./errors.ts";
import { type RenderOptions, renderFormatted, xmlTextFormat } from "./formatted-text.ts";
import { DEFAULT_LIMITS, type ParseLimits, tooManyRecords } from "./limits.ts";
import { embeddedFileMatcher, mediaFromBase64 } from "./media.ts";
import { blankQuestion, lettered, ResultBuilder } from "./result-builder.ts";
import { cleanCategory, decodeBody } from "./text-input.ts";
import type { ParsedMedia, ParseResult } from "./types.ts";
import {
  child,
  childrenNamed,
  findAll,
  streamXmlRecords,
  textContent,
  type XmlElement,
  XmlReadError,
} from "./xml-tree.ts";

/** Moodle question types the data model cannot hold, with the reason given for skipping them. */
const UNSUPPORTED: Record<string, string> = {
  description: "description (no answer)",
  essay: "essay (graded by hand)",
  matching: "matching question",
  cloze: "Moodle Cloze (embedded answers)",
  multianswer: "Moodle Cloze (embedded answers)",
  calculated: "calculated question (random datasets)",
  calculatedsimple: "calculated question (random datasets)",
  calculatedmulti: "calculated multiple choice (random datasets)",
  ddwtos: "drag and drop into text",
  gapselect: "select missing words",
  ddimageortext: "drag and drop onto image",
  ddmarker: "drag and drop markers",
  randomsamatch: "random short-answer matching",
  random: "random question slot",
};

interface Answer {
  text: string;
  fraction: number;
  el: XmlElement;
}

/**
 * Moodle XML (`<quiz><question type="...">`). Category records set the category of the
 * questions after them; record indexes count the other `<question>` elements from 0.
 */
export async function parseMoodleXml(body: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): Promise<ParseResult> {
  const out = new ResultBuilder();
  let category: string | null = null;
  let index = 0;
  const onRecord = (q: XmlElement) => {
    if (q.name !== "question") return;
    const type = (q.attrs.type ?? "").toLowerCase();
    if (type === "category") {
      category = cleanCategory(textContent(child(child(q, "category"), "text")));
      return;
    }
    if (index >= limits.maxRecords) throw tooManyRecords("moodle-xml", limits.maxRecords);
    const title = textContent(child(child(q, "name"), "text")).trim() || null;
    const reason = UNSUPPORTED[type];
    if (reason) out.skip(index, reason, title);
    else {
      try {
        readQuestion(q, type, title, category, index, out);
      } catch (e) {
        out.error(index, `${title ?? type}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    index++;
  };
  let found: boolean;
  try {
    found = await streamXmlRecords(decodeBody(body), { container: "quiz", onRecord });
  } catch (e) {
    if (e instanceof XmlReadError) throw new SourceFormatError("moodle-xml", e.message);
    throw e;
  }
  if (!found) throw new SourceFormatError("moodle-xml", "no <quiz> element");
  return out.build();
}

function readQuestion(
  q: XmlElement,
  type: string,
  title: string | null,
  category: string | null,
  index: number,
  out: ResultBuilder,
): void {
  const { media, explanationMedia } = readMedia(q);
  // `@@PLUGINFILE@@/name` images stay in the text when the file came with the question.
  const render: RenderOptions = { keepImage: embeddedFileMatcher(media) };
  const renderFeedback: RenderOptions = { keepImage: embeddedFileMatcher([...media, ...explanationMedia]) };
  const key = readAnswerKey(q, type, render);
  if (!key) {
    out.skip(index, `unsupported question type '${type}'`, title);
    return;
  }
  if ("skip" in key) {
    out.skip(index, key.skip, title);
    return;
  }
  const explanation = formatted(child(q, "generalfeedback"), renderFeedback) || null;
  const tags = childrenNamed(child(q, "tags"), "tag")
    .map((t) => textContent(child(t, "text") ?? t).trim())
    .filter(Boolean);
  out.add(
    index,
    blankQuestion({
      ...key,
      text: formatted(child(q, "questiontext"), render),
      explanation,
      category,
      tags,
      media,
      explanationMedia,
      sourceRef: title,
    }),
  );
}

type Key = { type: QuestionType; choices: { id: string; text: string }[]; answer: AnswerKey } | { skip: string };

function readAnswerKey(q: XmlElement, type: string, render: RenderOptions): Key | null {
  const answers: Answer[] = childrenNamed(q, "answer").map((el) => ({
    el,
    text: formatted(el, render),
    fraction: Number(el.attrs.fraction ?? "0") || 0,
  }));
  const full = (a: Answer) => a.fraction >= 99.99;
  switch (type) {
    case "multichoice": {
      // Moodle's importer defaults to a single answer when <single> is missing.
      const single = !["false", "0"].includes(textContent(child(q, "single")).trim().toLowerCase());
      if (single && answers.filter(full).length > 1) {
        return { skip: "single choice with several fully correct answers (the data model holds one)" };
      }
      const choices = lettered(answers.map((a) => a.text));
      const correct = choices.filter((_, i) => {
        const a = answers[i];
        return a !== undefined && (single ? full(a) : a.fraction > 0);
      });
      return {
        type: single ? "single_choice" : "multiple_choice",
        choices,
        answer: { kind: "choices", correct: correct.map((c) => c.id) },
      };
    }
    case "truefalse": {
      const at = answers.findIndex(full);
      if (at < 0) throw new Error("no answer is marked 100%");
      const said = answers[at]?.text.trim().toLowerCase();
      // Moodle writes "true" then "false"; translated exports keep that order, not the words.
      const right = said === "true" || said === "false" ? said : at === 0 ? "true" : "false";
      if (answers.length !== 2 && said !== "true" && said !== "false") {
        throw new Error(`the answer marked 100% ('${said}') is neither true nor false`);
      }
      return { type: "true_false", choices: [], answer: { kind: "choices", correct: [right] } };
    }
    case "shortanswer": {
      const accepted = answers
        .filter(full)
        .map((a) => a.text.replace(/^\*+|\*+$/g, ""))
        .filter(Boolean);
      const caseSensitive = textContent(child(q, "usecase")).trim() === "1";
      return { type: "short_answer", choices: [], answer: { kind: "text", accepted, caseSensitive } };
    }
    case "numerical": {
      const values = answers.filter((a) => a.text.trim() !== "*" && full(a));
      if (new Set(values.map((a) => Number(a.text.trim()))).size > 1) {
        return { skip: "numeric question with several correct values (the data model holds one)" };
      }
      const best = values[0];
      if (!best) throw new Error("no numeric answer marked 100%");
      const value = Number(best.text.trim());
      const tolerance = Number(textContent(child(best.el, "tolerance")).trim() || "0");
      if (!Number.isFinite(value)) throw new Error(`'${best.text.trim()}' is not a number`);
      if (!Number.isFinite(tolerance)) throw new Error("the tolerance is not a number");
      return { type: "numeric", choices: [], answer: { kind: "numeric", value, tolerance: Math.abs(tolerance) } };
    }
    default:
      return null;
  }
}

/** The `<text>` of an element carrying a `format` attribute, as plain text. */
function formatted(el: XmlElement | undefined, render: RenderOptions): string {
  if (!el) return "";
  return renderFormatted(textContent(child(el, "text")), xmlTextFormat(el.attrs.format), render);
}

/** Where feedback lives: a worked solution must not be fetchable before answering. */
const FEEDBACK = ["generalfeedback", "correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"];

/**
 * `<file name encoding="base64">` anywhere in the question, and Moodle 1.9's `<image_base64>`.
 * Files inside feedback (general, per answer, per outcome) are the explanation's; the rest
 * belong to the text and the choices.
 */
function readMedia(q: XmlElement): { media: ParsedMedia[]; explanationMedia: ParsedMedia[] } {
  const feedback = new Set([
    ...FEEDBACK.flatMap((name) => findAll(child(q, name) ?? { name, attrs: {}, children: [] }, "file")),
    ...childrenNamed(q, "answer").flatMap((a) => childrenNamed(a, "feedback").flatMap((f) => findAll(f, "file"))),
  ]);
  const media: ParsedMedia[] = [];
  const explanationMedia: ParsedMedia[] = [];
  for (const file of findAll(q, "file")) {
    if ((file.attrs.encoding ?? "base64").toLowerCase() !== "base64") continue;
    const into = feedback.has(file) ? explanationMedia : media;
    const name = file.attrs.name ?? `file-${media.length + explanationMedia.length + 1}`;
    into.push(fileOrThrow(name, textContent(file)));
  }
  const legacy = child(q, "image_base64");
  if (legacy) {
    const name = textContent(child(q, "image")).trim().split("/").pop() || "image";
    media.push(fileOrThrow(name, textContent(legacy)));
  }
  return { media, explanationMedia };
}

function fileOrThrow(name: string, base64: string): ParsedMedia {
  try {
    return mediaFromBase64(name, base64);
  } catch {
    throw new Error(`the file '${name}' is not valid base64`);
  }
}
