import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { parseByteRange } from "../../src/media/byte-range.ts";
import { sniffMediaType } from "../../src/media/sniff.ts";
import { svgPolicyViolation } from "../../src/media/svg-policy.ts";
import { upsertQuestions } from "../../src/questions/upsert-questions.ts";
import { resetIsolateCache } from "../helpers/cache.ts";
import { api } from "../helpers/http.ts";
import { expectProblem } from "../helpers/problem.ts";
import { testQuestions, writeDeps } from "../helpers/questions.ts";
import { bearer, EDITOR_TOKEN, VIEWER_TOKEN } from "../helpers/tokens.ts";

const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const ascii = (s: string) => new TextEncoder().encode(s);
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

beforeEach(() => resetIsolateCache());

/** Small but well-formed files of every accepted type. */
const FILES = {
  png: fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  gif: fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  jpeg: concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), ascii("JFIF\0"), new Uint8Array(32)),
  webp: concat(ascii("RIFF"), new Uint8Array([26, 0, 0, 0]), ascii("WEBPVP8L"), new Uint8Array(18)),
  wav: concat(ascii("RIFF"), new Uint8Array([36, 0, 0, 0]), ascii("WAVEfmt "), new Uint8Array(28)),
  ogg: concat(ascii("OggS"), new Uint8Array(60)),
  mp3: concat(
    ascii("ID3"),
    new Uint8Array([4, 0, 0, 0, 0, 0, 0]),
    new Uint8Array([0xff, 0xfb, 0x90, 0x64]),
    new Uint8Array(64),
  ),
  svg: ascii(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>',
  ),
};

function upload(
  bytes: Uint8Array,
  options: { query?: string; token?: string; env?: Env; headers?: Record<string, string> } = {},
) {
  return api(`/api/admin/media${options.query ?? ""}`, {
    method: "PUT",
    headers: {
      ...bearer(options.token ?? EDITOR_TOKEN),
      "content-type": "application/octet-stream",
      ...options.headers,
    },
    body: bytes,
    env: options.env,
  });
}

interface Stored {
  key: string;
  url: string;
  contentType: string;
  size: number;
  sha256: string;
  created: boolean;
  linkedTo: string[];
}

describe("media type detection", () => {
  it("reads the type from the bytes, not the name", () => {
    const expected = {
      png: "image/png",
      gif: "image/gif",
      jpeg: "image/jpeg",
      webp: "image/webp",
      wav: "audio/wav",
      ogg: "audio/ogg",
      mp3: "audio/mpeg",
      svg: "image/svg+xml",
    };
    for (const [name, bytes] of Object.entries(FILES)) {
      expect(sniffMediaType(bytes)?.contentType, name).toBe(expected[name as keyof typeof expected]);
    }
    expect(sniffMediaType(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))?.contentType).toBe("audio/mpeg");
    expect(sniffMediaType(ascii("%PDF-1.7"))).toBeNull();
    expect(sniffMediaType(ascii("<html><svg></svg></html>"))).toBeNull();
    expect(sniffMediaType(new Uint8Array([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC, not MP3
  });

  it("refuses SVGs that could run script or load anything", () => {
    const wrap = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
    expect(svgPolicyViolation(new TextDecoder().decode(FILES.svg))).toBeNull();
    for (const bad of [
      wrap("<script>alert(1)</script>"),
      wrap('<rect onload="alert(1)"/>'),
      wrap('<a href="javascript:alert(1)"><rect/></a>'),
      wrap('<image href="https://evil.test/x.png"/>'),
      wrap('<use xlink:href="data:image/svg+xml;base64,AAAA"/>'),
      wrap("<foreignObject><div/></foreignObject>"),
      wrap('<set attributeName="href" to="javascript:alert(1)"/>'),
      wrap('<rect style="fill:url(https://evil.test/)"/>'),
      wrap('<use href="&#106;avascript:alert(1)"/>'),
      `<!DOCTYPE svg [<!ENTITY x "y">]>${wrap("")}`,
      wrap("<style><![CDATA[ rect { fill: red } ]]></style>"),
      wrap('<RECT ONCLICK="x"/>'),
      // A '>' inside a quoted value does not end the tag.
      wrap('<rect title=">" onmouseover="alert(1)"/>'),
      wrap("<rect title='>' onmouseover='alert(1)'/>"),
      wrap(`<rect title=">"${" ".repeat(10)}ONMOUSEOVER = "alert(1)"/>`),
      // Unclosed or broken markup is not rendered as SVG, and not served.
      `<svg>${"<rect ".repeat(50)}`,
      wrap('<rect x="1" x="2"/>'),
    ]) {
      expect(svgPolicyViolation(bad), bad).not.toBeNull();
    }
  });

  it("parses single byte ranges", () => {
    expect(parseByteRange("bytes=0-9", 100)).toEqual({ offset: 0, length: 10 });
    expect(parseByteRange("bytes=90-", 100)).toEqual({ offset: 90, length: 10 });
    expect(parseByteRange("bytes=-5", 100)).toEqual({ offset: 95, length: 5 });
    expect(parseByteRange("bytes=50-1000", 100)).toEqual({ offset: 50, length: 50 });
    expect(parseByteRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=-0", 100)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseByteRange("items=0-1", 100)).toBeNull();
    expect(parseByteRange(undefined, 100)).toBeNull();
  });
});

describe("PUT /api/admin/media", () => {
  it("stores every accepted type under its SHA-256, once", async () => {
    for (const [name, bytes] of Object.entries(FILES)) {
      const res = await upload(bytes);
      expect(res.status, name).toBe(201);
      const stored = (await res.json()) as Stored;
      expect(stored.key).toMatch(/^[0-9a-f]{64}\.[a-z0-9]+$/);
      expect(stored.key.startsWith(stored.sha256)).toBe(true);
      expect(stored.size).toBe(bytes.byteLength);
      expect(res.headers.get("location")).toBe(`/api/media/${stored.key}`);
      expect(await env.MEDIA.head(stored.key)).not.toBeNull();
    }
    const again = await upload(FILES.png);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Stored).created).toBe(false);
  });

  it("refuses what is not an accepted image or audio file with 415, whatever the declared type", async () => {
    const pdf = await upload(ascii("%PDF-1.7 not an image"), { headers: { "content-type": "image/png" } });
    await expectProblem(pdf, 415);
    const svg = await upload(ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    const body = await expectProblem(svg, 415);
    expect(body.detail).toContain("script");
  });

  it("refuses uploads over MEDIA_MAX_BYTES with 413, declared or streamed", async () => {
    const small = { ...env, MEDIA_MAX_BYTES: "1000" } as unknown as Env;
    const big = concat(FILES.png, new Uint8Array(1000));
    await expectProblem(await upload(big, { env: small }), 413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big.subarray(0, 600));
        controller.enqueue(big.subarray(600));
        controller.close();
      },
    });
    const res = await api("/api/admin/media", {
      method: "PUT",
      headers: bearer(EDITOR_TOKEN),
      body: streamed,
      env: small,
    });
    await expectProblem(res, 413);
    expect((await upload(FILES.png, { env: small })).status).toBeLessThan(300);
  });

  it("takes 10 MB by default", async () => {
    const justOver = new Uint8Array(10 * 1024 * 1024 + 1);
    justOver.set(FILES.png);
    await expectProblem(await upload(justOver), 413);
  });

  it("links the media to a question, which learners then see", async () => {
    const deps = writeDeps();
    const { results } = await upsertQuestions(deps, testQuestions(1));
    const id = results[0]?.id as string;
    const res = await upload(FILES.gif, { query: `?question_id=${id}` });
    const stored = (await res.json()) as Stored;
    expect(stored.linkedTo).toEqual([id]);
    const question = (await (await api(`/api/questions/${id}`)).json()) as { mediaKeys: string[] };
    expect(question.mediaKeys).toEqual([stored.key]);
    await expectProblem(await upload(FILES.gif, { query: "?question_id=q_nosuchquestion00" }), 404);
  });

  it("needs an editor token", async () => {
    await expectProblem(await api("/api/admin/media", { method: "PUT", body: FILES.png }), 401);
    await expectProblem(await upload(FILES.png, { token: VIEWER_TOKEN }), 403);
  });
});

describe("GET /api/media/:key", () => {
  async function stored(bytes: Uint8Array): Promise<Stored> {
    return (await (await upload(bytes)).json()) as Stored;
  }

  it("serves the file with its type, a strong ETag and an immutable Cache-Control", async () => {
    const { url, sha256 } = await stored(FILES.png);
    const res = await api(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("etag")).toBe(`"${sha256}"`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(FILES.png);
    const cached = await api(url, { headers: { "if-none-match": `"${sha256}"` } });
    expect(cached.status).toBe(304);
  });

  it("answers byte ranges with 206 and out-of-bounds ranges with 416", async () => {
    const { url } = await stored(FILES.wav);
    const size = FILES.wav.byteLength;
    const part = await api(url, { headers: { range: "bytes=4-11" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-11/${size}`);
    expect(part.headers.get("content-length")).toBe("8");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(FILES.wav.subarray(4, 12));
    const tail = await api(url, { headers: { range: "bytes=-4" } });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(FILES.wav.subarray(size - 4));
    const beyond = await api(url, { headers: { range: `bytes=${size}-` } });
    await expectProblem(beyond, 416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${size}`);
    const stale = await api(url, { headers: { range: "bytes=0-1", "if-range": '"other"' } });
    expect(stale.status).toBe(200);
  });

  it("answers 404 problem+json for unknown or malformed keys", async () => {
    await expectProblem(await api(`/api/media/${"0".repeat(64)}.png`), 404);
    await expectProblem(await api("/api/media/..%2Fsecret"), 404);
    await expectProblem(await api("/api/media/health%2Fprobe"), 404);
  });
});
