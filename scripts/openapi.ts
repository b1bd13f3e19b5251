/**
 * Writes the OpenAPI document of the Worker's app to a file, without a server: the app is
 * imported and asked for its document, the same one `/api/openapi.json` serves.
 * Run through tsx (the app has .tsx pages): `tsx scripts/openapi.ts out.json`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

interface DocsModule {
  openApiDocument(app: unknown): unknown;
}

const out = process.argv[2];
if (!out) throw new Error("usage: tsx scripts/openapi.ts <out.json>");
// Imported by URL: the app is Worker code, type-checked by tsconfig.json, not by this Node project.
const { app } = (await import(new URL("../workers/app.ts", import.meta.url).href)) as { app: unknown };
const docs = (await import(new URL("../src/http/docs.ts", import.meta.url).href)) as DocsModule;
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(docs.openApiDocument(app), null, 2)}\n`);
