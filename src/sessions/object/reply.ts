import type { ErrorCode, FieldIssue } from "../../http/problem.ts";
import { AppError } from "../../http/problem.ts";

/**
 * What a learner object answers over RPC. Errors travel as data: an exception thrown across
 * RPC loses its class, and a thrown call means the object itself could not be reached.
 */
export type ObjectReply =
  | { ok: true; status: number; body: string }
  | {
      ok: false;
      problem: { code: ErrorCode; detail: string; headers?: Record<string, string>; errors?: FieldIssue[] };
    };

export function success(status: number, value: unknown): ObjectReply {
  return { ok: true, status, body: JSON.stringify(value) };
}

export function failure(error: AppError): ObjectReply {
  return {
    ok: false,
    problem: { code: error.code, detail: error.message, headers: error.headers, errors: error.errors },
  };
}

/** Runs `work`, turning the app's errors into replies (anything else is a bug and propagates). */
export async function replying(work: () => ObjectReply | Promise<ObjectReply>): Promise<ObjectReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return failure(error);
    throw error;
  }
}

/** The error a reply carries, for the Worker side. */
export function replyError(reply: Extract<ObjectReply, { ok: false }>): AppError {
  const { code, detail, headers, errors } = reply.problem;
  return new AppError(code, detail, { headers, errors });
}
