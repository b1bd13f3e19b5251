import { nextTurn, Pacer, RECORD_COST } from "./cooperative.ts";
import { SourceFormatError } from "./errors.ts";
import { type FieldMapping, mapRecord } from "./field-mapping.ts";
import { assertJsonBounds } from "./json-bounds.ts";
import { DEFAULT_LIMITS, type ParseLimits, tooManyRecords } from "./limits.ts";
import { ResultBuilder } from "./result-builder.ts";
import { decodeBody, getPath } from "./text-input.ts";
import type { ParseResult } from "./types.ts";

/**
 * A JSON document holding an array of records; `path` (dot path) leads to the array, the
 * document itself when absent. `fields` names each part of a question by dot path; an
 * incorrect-answers field may hold an array, or several fields may be named.
 */
export async function parseJson(
  body: Uint8Array,
  fields: FieldMapping,
  path?: string,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<ParseResult> {
  const text = decodeBody(body);
  await assertJsonBounds(text, "json");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SourceFormatError("json", `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const records = path ? getPath(doc, path) : doc;
  if (!Array.isArray(records)) {
    throw new SourceFormatError("json", path ? `'${path}' is not an array` : "the document is not an array");
  }
  if (records.length > limits.maxRecords) throw tooManyRecords("json", limits.maxRecords);
  const mapped = mappedNames(fields);
  const out = new ResultBuilder();
  const pace = new Pacer();
  for (const [index, record] of (records as unknown[]).entries()) {
    if (pace.due(RECORD_COST)) await nextTurn();
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      out.error(index, `record ${index}: not an object`);
      continue;
    }
    // A record without a mapped field is malformed, not a question with a part left blank.
    const missing = mapped.filter((name) => getPath(record, name) === undefined);
    if (missing.length > 0) {
      out.error(index, `record ${index}: no field ${missing.map((m) => `'${m}'`).join(", ")}`);
      continue;
    }
    try {
      out.add(
        index,
        mapRecord((name) => texts(getPath(record, name)), fields),
      );
    } catch (e) {
      out.error(index, `record ${index}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out.build();
}

function mappedNames(m: FieldMapping): string[] {
  const incorrect = Array.isArray(m.incorrect) ? m.incorrect : [m.incorrect];
  return [m.question, m.correct, ...incorrect, m.category, m.difficulty, m.explanation].filter(
    (name): name is string => !!name,
  );
}

/** Strings, numbers and booleans as text; arrays of them as several texts. */
function texts(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.flatMap((v) => texts(v) ?? []);
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  return undefined;
}
