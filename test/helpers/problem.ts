import { expect } from "vitest";

/** Asserts an RFC 9457 problem response with the status, and the request id in header and body. */
export async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe("string");
  expect(typeof body.type).toBe("string");
  const requestId = res.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  expect(body.requestId).toBe(requestId);
  return body;
}
