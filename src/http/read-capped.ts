/**
 * Reads the body of a request or response to its end, but never more than `maxBytes` of it:
 * a declared `content-length` over the cap is refused before anything is read, and a stream
 * without one (or lying about it) is cancelled as soon as it passes the cap. `tooLarge` makes
 * the caller's error (a 413 problem, a fetch failure…); it gets the declared length when that
 * was the reason. A missing body reads as no bytes.
 */
export async function readCapped(
  message: Request | Response,
  maxBytes: number,
  tooLarge: (declaredBytes?: number) => Error,
): Promise<Uint8Array> {
  const declared = Number(message.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await message.body?.cancel();
    throw tooLarge(declared);
  }
  if (!message.body) return new Uint8Array();
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
