import { z } from "@hono/zod-openapi";

/** Every error the API can answer with; the code picks the status and the problem `type`. */
export const ERROR_CODES = {
  bad_request: { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  precondition_failed: { status: 412, title: "Precondition failed" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  range_not_satisfiable: { status: 416, title: "Range not satisfiable" },
  unprocessable: { status: 422, title: "Unprocessable content" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** RFC 9457 problem details, extended with the request id and, for validation, the fields. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(FieldIssue).optional(),
  })
  .openapi("Problem");
export type Problem = z.infer<typeof Problem>;

export interface AppErrorOptions {
  errors?: FieldIssue[];
  /** Extra response headers, e.g. Retry-After or Allow. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type of the app; `onError` turns it into `application/problem+json`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldIssue[];
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** Converts zod issues to `{ path, message }` pairs a client can show per field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

export function problemBody(error: AppError, requestId: string, instance: string): Problem {
  const { status, title } = ERROR_CODES[error.code];
  return {
    type: `https://errors.edge-quiz.dev/${error.code.replaceAll("_", "-")}`,
    title,
    status,
    detail: error.message,
    instance,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function problemResponse(error: AppError, requestId: string, instance: string): Response {
  return new Response(JSON.stringify(problemBody(error, requestId, instance)), {
    status: error.status,
    headers: { ...error.headers, "content-type": "application/problem+json", "x-request-id": requestId },
  });
}

/** Seconds a client should wait after a 503 from an unreachable store before asking again. */
export const RETRY_AFTER_S = 30;

/** A 503 for a store (origin, D1, KV) that cannot be reached, with Retry-After. */
export function unavailable(detail: string, cause?: unknown): AppError {
  return new AppError("unavailable", detail, { headers: { "retry-after": String(RETRY_AFTER_S) }, cause });
}

/** The OpenAPI description of a problem response, for route definitions. */
export function problemContent(description: string) {
  return { description, content: { "application/problem+json": { schema: Problem } } };
}

/** The error code of an HTTP status, when the app has one. */
export function codeForStatus(status: number): ErrorCode | undefined {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).find((code) => ERROR_CODES[code].status === status);
}
