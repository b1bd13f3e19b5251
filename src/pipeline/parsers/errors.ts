/** The whole document is unusable (not JSON, an API error response...); no record can be read. */
export class SourceFormatError extends Error {
  override readonly name = "SourceFormatError";
  constructor(
    readonly format: string,
    message: string,
  ) {
    super(`${format}: ${message}`);
  }
}

/**
 * The source refused for now (rate limit); retrying after `retryAfterSeconds` should work.
 * The pipeline's one retry-later error: the scrape step passes it up, and its consumer
 * retries the message no sooner than the source asked.
 */
export class SourceRetryableError extends Error {
  override readonly name = "SourceRetryableError";
  constructor(
    readonly format: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${format}: ${message}`);
  }
}
