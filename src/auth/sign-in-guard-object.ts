import { DurableObject } from "cloudflare:workers";
import { afterFailure, type LockState, retryAfterS, UNLOCKED } from "./lock-policy.ts";

const STATE = "state";
const TOTALS = "totals";

export interface GuardVerdict {
  /** 0 when the key may try now. */
  retryAfterS: number;
  /** Failures in a row so far. */
  failures: number;
}

export interface GuardTotals {
  /** Failed sign-ins (wrong admin token, at the dashboard or as a bearer token). */
  failures: number;
  /** Locks started (a key crossing into, or further into, the exponential lock). */
  locks: number;
  since: string | null;
}

/**
 * One object per guarded key (a client address or an account name) holding its failure count
 * and lock, plus one ("totals") that counts failures for the dashboard. A Durable Object rather
 * than @upstash/ratelimit or KV: each key's count is changed by one writer at a time, so
 * parallel guesses cannot slip past it; it is always bound (Redis is optional and fails open);
 * KV is eventually consistent and takes one write per key per second. The ratelimit library's
 * windows also cannot express a lock that doubles.
 */
export class SignInGuard extends DurableObject<Env> {
  async #state(): Promise<LockState> {
    return (await this.ctx.storage.get<LockState>(STATE)) ?? UNLOCKED;
  }

  /** Whether the key may try now, and how many failures it has. */
  async check(now: number): Promise<GuardVerdict> {
    const state = await this.#state();
    return { retryAfterS: retryAfterS(state, now), failures: state.failures };
  }

  /** Records a failure; the verdict says how long the key is now locked. */
  async fail(now: number): Promise<GuardVerdict & { lockStarted: boolean }> {
    const next = afterFailure(await this.#state(), now);
    await this.ctx.storage.put(STATE, next);
    const wait = retryAfterS(next, now);
    return { retryAfterS: wait, failures: next.failures, lockStarted: wait > 0 };
  }

  /** A success clears the key's failures. */
  async succeed(): Promise<void> {
    await this.ctx.storage.delete(STATE);
  }

  async tally(failures: number, locks: number, now: number): Promise<void> {
    const totals = await this.totals();
    await this.ctx.storage.put(TOTALS, {
      failures: totals.failures + failures,
      locks: totals.locks + locks,
      since: totals.since ?? new Date(now).toISOString(),
    } satisfies GuardTotals);
  }

  async totals(): Promise<GuardTotals> {
    return (await this.ctx.storage.get<GuardTotals>(TOTALS)) ?? { failures: 0, locks: 0, since: null };
  }
}
