import { SourceFormatError } from "./errors.ts";

/**
 * Bounds on what one source may make the importers hold, whatever its 8 MB say. A document
 * past one of them fails as a whole, with the reason on its run: a partial import of a source
 * that is mostly junk would publish whatever happened to come first.
 */
export const DEFAULT_MAX_RECORDS = 10_000;
/** Elements (XML, HTML) or values (JSON) in one document. */
export const MAX_ELEMENTS = 500_000;
export const MAX_DEPTH = 64;
/** Lines of one record in the line-based formats (GIFT, Aiken). */
export const MAX_RECORD_LINES = 1_000;

export interface ParseLimits {
  /** Records (questions, skipped and broken ones alike) a source may hold. */
  maxRecords: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxRecords: DEFAULT_MAX_RECORDS };

export function tooManyRecords(format: string, max: number): SourceFormatError {
  return new SourceFormatError(format, `more than ${max} records (the source's maxRecords)`);
}

export function tooManyElements(format: string): SourceFormatError {
  return new SourceFormatError(format, `more than ${MAX_ELEMENTS} elements`);
}

export function tooDeep(format: string): SourceFormatError {
  return new SourceFormatError(format, `nested deeper than ${MAX_DEPTH} levels`);
}

export function recordTooLong(format: string, line: number): SourceFormatError {
  return new SourceFormatError(format, `the record starting on line ${line} runs over ${MAX_RECORD_LINES} lines`);
}
