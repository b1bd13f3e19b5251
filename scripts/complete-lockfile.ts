/**
 * Adds lockfile entries for platform binaries the package mirror of these machines does not
 * carry (e.g. workerd and Biome builds for macOS and Windows). npm records no entry for an
 * optional dependency it could not resolve, and `npm ci` then refuses the lockfile. The added
 * entries carry `os`/`cpu`, so npm skips them on Linux and fetches them by version elsewhere.
 * Run after `npm install`: `node scripts/complete-lockfile.ts`.
 */
import { readFile, writeFile } from "node:fs/promises";

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OS: Record<string, string> = {
  darwin: "darwin",
  win32: "win32",
  windows: "win32",
  linux: "linux",
  android: "android",
};
const CPU: Record<string, string> = { x64: "x64", "64": "x64", arm64: "arm64", arm: "arm", ia32: "ia32" };

/** Reads the platform from names like `cli-darwin-arm64`, `workerd-windows-64` or `cli-linux-x64-musl`. */
function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | null {
  const parts = name.split("/").pop()?.split("-") ?? [];
  const osIndex = parts.findIndex((p) => p in OS);
  const cpu = parts[osIndex + 1];
  if (osIndex < 0 || cpu === undefined || !(cpu in CPU)) return null;
  const os = OS[parts[osIndex] as string] as string;
  return { os: [os], cpu: [CPU[cpu] as string], ...(parts.includes("musl") ? { libc: ["musl"] } : {}) };
}

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(await readFile(path, "utf8")) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]?.version === version) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    // A different version already hoisted: this one lives beside the package that wants it.
    lock.packages[lock.packages[hoisted] ? nested : hoisted] = { version, optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
await writeFile(path, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
