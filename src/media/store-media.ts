import { AppError } from "../http/problem.ts";
import { readCapped } from "../http/read-capped.ts";
import { type MediaType, sniffMediaType } from "./sniff.ts";
import { svgPolicyViolation } from "./svg-policy.ts";

/** Used when MEDIA_MAX_BYTES is unset or not a number. */
export const DEFAULT_MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export interface StoredMedia {
  /** `<sha256>.<ext>`: the same bytes always get the same key. */
  key: string;
  contentType: string;
  kind: MediaType["kind"];
  size: number;
  sha256: string;
  /** False when these bytes were already stored. */
  created: boolean;
}

export const MEDIA_KEY = /^[0-9a-f]{64}\.(png|jpg|gif|webp|svg|mp3|ogg|wav)$/;

export function mediaMaxBytes(env: Pick<Env, "MEDIA_MAX_BYTES">): number {
  const configured = Number(env.MEDIA_MAX_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MEDIA_MAX_BYTES;
}

/** Reads an upload, refusing (413) past `limit` bytes whether or not a length was declared. */
export async function readUpload(request: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `media uploads are limited to ${limit} bytes`);
  if (!request.body) throw new AppError("bad_request", "the upload has no body");
  const bytes = await readCapped(request, limit, tooLarge);
  if (bytes.byteLength === 0) throw new AppError("bad_request", "the upload is empty");
  return bytes;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks what the bytes are (415 for anything but the accepted images and audio, and for
 * SVGs that could run script) and stores them under their SHA-256, once.
 */
export async function storeMedia(bucket: R2Bucket, bytes: Uint8Array): Promise<StoredMedia> {
  const type = sniffMediaType(bytes);
  if (!type) {
    throw new AppError(
      "unsupported_media_type",
      "media must be PNG, JPEG, WebP, GIF or SVG images, or MP3, Ogg or WAV audio (checked from the bytes)",
    );
  }
  if (type.extension === "svg") {
    const violation = svgPolicyViolation(new TextDecoder().decode(bytes));
    if (violation) throw new AppError("unsupported_media_type", `the SVG was refused: ${violation}`);
  }
  const sha256 = await sha256Hex(bytes);
  const key = `${sha256}.${type.extension}`;
  const base = { key, contentType: type.contentType, kind: type.kind, size: bytes.byteLength, sha256 };
  if (await bucket.head(key)) return { ...base, created: false };
  await bucket.put(key, bytes, {
    httpMetadata: { contentType: type.contentType, cacheControl: "public, max-age=31536000, immutable" },
    sha256,
  });
  return { ...base, created: true };
}
