/** A media type the bucket accepts, recognised from the bytes themselves. */
export interface MediaType {
  contentType: string;
  extension: string;
  kind: "image" | "audio";
}

export const MEDIA_TYPES = {
  png: { contentType: "image/png", extension: "png", kind: "image" },
  jpeg: { contentType: "image/jpeg", extension: "jpg", kind: "image" },
  gif: { contentType: "image/gif", extension: "gif", kind: "image" },
  webp: { contentType: "image/webp", extension: "webp", kind: "image" },
  svg: { contentType: "image/svg+xml", extension: "svg", kind: "image" },
  mp3: { contentType: "audio/mpeg", extension: "mp3", kind: "audio" },
  ogg: { contentType: "audio/ogg", extension: "ogg", kind: "audio" },
  wav: { contentType: "audio/wav", extension: "wav", kind: "audio" },
} as const satisfies Record<string, MediaType>;

export const MEDIA_EXTENSIONS = Object.values(MEDIA_TYPES).map((t) => t.extension);

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** An MPEG audio frame header: 11 sync bits, a defined version, layer III. */
function isMp3Frame(bytes: Uint8Array): boolean {
  const [b0, b1] = [bytes[0] ?? 0, bytes[1] ?? 0];
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  return b0 === 0xff && (b1 & 0xe0) === 0xe0 && version !== 0b01 && layer === 0b01;
}

/** Whether the text, past a BOM, whitespace, an XML declaration and comments, opens an `<svg>` element. */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = new TextDecoder().decode(bytes.subarray(0, 4096));
  text = text.replace(/^\uFEFF/, "");
  for (;;) {
    const before = text;
    text = text
      .trimStart()
      .replace(/^<\?xml[^>]*\?>/, "")
      .replace(/^<!--[\s\S]*?-->/, "");
    if (text === before) break;
  }
  return /^<svg[\s>/]/i.test(text);
}

/**
 * The media type of a file from its leading bytes (what the client claims is ignored), or
 * null when it is none the platform serves.
 */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MEDIA_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return MEDIA_TYPES.jpeg;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return MEDIA_TYPES.gif;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return MEDIA_TYPES.webp;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WAVE"), 8)) return MEDIA_TYPES.wav;
  if (startsWith(bytes, ascii("OggS"))) return MEDIA_TYPES.ogg;
  if (startsWith(bytes, ascii("ID3")) || isMp3Frame(bytes)) return MEDIA_TYPES.mp3;
  if (looksLikeSvg(bytes)) return MEDIA_TYPES.svg;
  return null;
}
