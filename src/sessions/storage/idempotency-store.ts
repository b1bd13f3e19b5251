/** A response kept under an Idempotency-Key, replayed byte for byte on a retry. */
export interface StoredResponse {
  /** The canonical request it answered; the same key with another request is refused. */
  request: string;
  status: number;
  body: string;
}

export function readStoredResponse(sql: SqlStorage, sessionId: string, key: string): StoredResponse | null {
  const row = sql
    .exec<{ request: string; status: number; body: string }>(
      "SELECT request, status, body FROM idempotency_keys WHERE session_id = ? AND key = ?",
      sessionId,
      key,
    )
    .toArray()[0];
  return row ?? null;
}

export function storeResponse(
  sql: SqlStorage,
  sessionId: string,
  key: string,
  response: StoredResponse,
  now: number,
): void {
  sql.exec(
    "INSERT INTO idempotency_keys (session_id, key, request, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    sessionId,
    key,
    response.request,
    response.status,
    response.body,
    now,
  );
}
