import { createHash } from "node:crypto";

/**
 * Shebang flags Upstash accepts and Redis does not. `@upstash/ratelimit` starts its scripts
 * with `#!lua flags=allow-key-locking` (Upstash then locks only the script's keys); Redis 7
 * refuses the script ("Unexpected flag in script shebang").
 */
const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * A script as Redis will take it: Upstash-only flags dropped from the shebang, and the shebang
 * itself replaced by a comment when no flag is left, which is how such a script ran before
 * shebangs existed (the same line count keeps error line numbers right).
 */
export function redisScript(script: string): string {
  const newline = script.indexOf("\n");
  const first = newline === -1 ? script : script.slice(0, newline);
  const match = /^#!lua(?:\s+flags=(\S*))?\s*$/.exec(first);
  if (!match) return script;
  const flags = (match[1] ?? "").split(",").filter((flag) => flag && !UPSTASH_ONLY_FLAGS.has(flag));
  if (flags.length === (match[1] ?? "").split(",").filter(Boolean).length) return script;
  const line = flags.length ? `#!lua flags=${flags.join(",")}` : "-- (Upstash-only shebang flags removed)";
  return line + (newline === -1 ? "" : script.slice(newline));
}

/** A command ready for Redis, and how to turn Redis's reply back into what Upstash answers. */
export interface RewrittenCommand {
  args: string[];
  reply?: (value: unknown) => unknown;
}

/**
 * Keeps script hashes as the client computed them. A rewritten script is cached by Redis
 * under the hash of the rewritten text; the client keeps asking for the hash of its own text
 * (`@upstash/ratelimit` hard-codes them), so the bridge remembers which is which.
 */
export class ScriptTranslator {
  readonly #redisSha = new Map<string, string>();

  rewrite(args: string[]): RewrittenCommand {
    const name = (args[0] ?? "").toLowerCase();
    if ((name === "eval" || name === "eval_ro") && args[1] !== undefined) {
      return { args: [args[0] as string, this.#remember(args[1]), ...args.slice(2)] };
    }
    if ((name === "evalsha" || name === "evalsha_ro") && args[1] !== undefined) {
      const sha = args[1].toLowerCase();
      return { args: [args[0] as string, this.#redisSha.get(sha) ?? sha, ...args.slice(2)] };
    }
    if (name === "script" && args[1]?.toLowerCase() === "load" && args[2] !== undefined) {
      const clientSha = sha1(args[2]);
      return { args: [args[0] as string, args[1], this.#remember(args[2])], reply: () => clientSha };
    }
    if (name === "script" && args[1]?.toLowerCase() === "exists") {
      return {
        args: [...args.slice(0, 2), ...args.slice(2).map((sha) => this.#redisSha.get(sha.toLowerCase()) ?? sha)],
      };
    }
    return { args };
  }

  /** The script Redis will run; maps the client's hash to Redis's when they differ. */
  #remember(script: string): string {
    const rewritten = redisScript(script);
    if (rewritten !== script) this.#redisSha.set(sha1(script), sha1(rewritten));
    return rewritten;
  }
}
