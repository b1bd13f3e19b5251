import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";
import { Lru } from "../cache/lru.ts";

/** Distinct method+path pairs remembered per isolate. */
const MEMO_ENTRIES = 4096;

/**
 * Hono's default router with its matches remembered per method and path. The app's routes
 * (a static `/api/questions/random` beside `/api/questions/:id`) keep SmartRouter on its trie,
 * whose walk over ~70 routes and middleware was a third of the CPU of a question served from
 * memory; learner traffic repeats the same hot paths, so a bounded memo answers most matches.
 * Results are read-only to Hono, so sharing one between requests is safe.
 */
export class MemoRouter<T> implements Router<T> {
  readonly name = "MemoRouter";
  readonly #inner: Router<T> = new SmartRouter<T>({ routers: [new RegExpRouter<T>(), new TrieRouter<T>()] });
  readonly #memo = new Lru<Result<T>>(MEMO_ENTRIES);

  add(method: string, path: string, handler: T): void {
    this.#inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#memo.get(key);
    if (!result) {
      result = this.#inner.match(method, path);
      this.#memo.set(key, result);
    }
    return result;
  }
}
