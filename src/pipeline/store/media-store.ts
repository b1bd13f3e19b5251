/** Where learners fetch a stored file (the media module's route). */
export function mediaUrl(key: string): string {
  return `/api/media/${key}`;
}

/** Stores media bytes content-addressed and returns the key questions refer to it by. */
export interface MediaStore {
  put(bytes: Uint8Array, hint: { contentType?: string; name?: string }): Promise<string>;
}

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ["image/png", (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/gif", (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38],
  ["image/webp", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP"],
  ["audio/mpeg", (b) => ascii(b, 0, 3) === "ID3" || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)],
  ["audio/ogg", (b) => ascii(b, 0, 4) === "OggS"],
  ["audio/wav", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WAVE"],
  ["application/pdf", (b) => ascii(b, 0, 5) === "%PDF-"],
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * The type the bytes are, whatever the source claimed: a declared type is never trusted for
 * serving. SVG is sniffed as text and served as such only by the media module's rules.
 */
export function sniffContentType(bytes: Uint8Array): string {
  for (const [type, test] of SIGNATURES) if (test(bytes)) return type;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "image/svg+xml";
  return "application/octet-stream";
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** R2 under `media/<sha256>`: the same bytes from any source are stored once. */
export function r2MediaStore(bucket: R2Bucket): MediaStore {
  return {
    async put(bytes) {
      const key = `media/${await sha256Hex(bytes)}`;
      if (await bucket.head(key)) return key;
      await bucket.put(key, bytes, { httpMetadata: { contentType: sniffContentType(bytes) } });
      return key;
    },
  };
}
