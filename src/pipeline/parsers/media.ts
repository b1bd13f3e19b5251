import { PLUGINFILE_PREFIX } from "../normalize/safe-url.ts";
import type { ParsedMedia } from "./types.ts";

const BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  bmp: "image/bmp",
  ico: "image/x-icon",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  mp4: "video/mp4",
  webm: "video/webm",
  pdf: "application/pdf",
  ggb: "application/vnd.geogebra.file",
};

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** MIME type from the file name's extension, else from the leading bytes. */
export function guessMimeType(name: string, bytes: Uint8Array): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return "application/pdf";
  if (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && startsWith(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50)) {
    return "image/webp";
  }
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "image/svg+xml";
  return "application/octet-stream";
}

/** Base64 (line breaks and spaces allowed) to bytes; throws on anything else. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Error("not valid base64");
  return Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
}

/** A media file from its name and base64 content. */
export function mediaFromBase64(name: string, base64: string): ParsedMedia {
  const bytes = decodeBase64(base64);
  return { name, mimeType: guessMimeType(name, bytes), bytes };
}

/** The file name a `@@PLUGINFILE@@/...` reference points at (URL-decoded), or null for other URLs. */
export function pluginfileName(src: string): string | null {
  if (!src.startsWith(PLUGINFILE_PREFIX)) return null;
  const path = src.slice(PLUGINFILE_PREFIX.length).split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Accepts `@@PLUGINFILE@@/...` references to one of `media` (by name, with or without the
 * file's folder), so only images that came with the question stay in its text.
 */
export function embeddedFileMatcher(media: readonly ParsedMedia[]): (src: string) => boolean {
  const names = new Set(media.map((m) => m.name));
  return (src) => {
    const name = pluginfileName(src);
    return name !== null && (names.has(name) || names.has(name.split("/").pop() ?? ""));
  };
}

/**
 * Rewrites the `![alt](@@PLUGINFILE@@/name)` images the importers leave in question text, for
 * the stage that stores media: `resolve` gets the file name and returns the URL to show, or
 * null to drop the image (its alt text stays).
 */
export function replacePluginfileImages(text: string, resolve: (name: string) => string | null): string {
  return text.replace(/!\[([^\]]*)\]\((@@PLUGINFILE@@\/[^)\s]*)\)/g, (_whole, alt: string, src: string) => {
    const name = pluginfileName(src);
    const url = name === null ? null : resolve(name);
    return url === null ? alt : `![${alt}](${url})`;
  });
}
