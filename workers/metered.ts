/**
 * The load test's entry (never deployed): the Worker of workers/index.ts with its bindings
 * behind counting proxies, so `npm run load` can say what each request type costs. It adds
 * `GET /__metering` (the tallies, once pending `waitUntil` work has settled) and
 * `DELETE /__metering` (start over). Requests name their type in `x-metering-type`.
 */
import { BillableMeter } from "../src/metering/billable-ops.ts";
import { meterBindings, meterObjectState, redisCommands } from "../src/metering/meter-bindings.ts";
import { LearnerObject as PlainLearnerObject } from "../src/sessions/learner-object.ts";
import worker from "./index.ts";

const METERING_PATH = "/__metering";
const TYPE_HEADER = "x-metering-type";

const meter = new BillableMeter();
const metered = new WeakMap<Env, Env>();
let redisUrl: string | null = null;

function meteredEnv(env: Env): Env {
  let out = metered.get(env);
  if (!out) {
    out = meterBindings(env, meter);
    metered.set(env, out);
    const url = (env as unknown as Record<string, unknown>).UPSTASH_REDIS_REST_URL;
    redisUrl = typeof url === "string" && url ? url.replace(/\/$/, "") : null;
  }
  return out;
}

function meteredCtx(ctx: ExecutionContext): ExecutionContext {
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === "waitUntil") {
        return (promise: Promise<unknown>) => {
          meter.track(promise);
          target.waitUntil(promise);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// Upstash Redis is reached over HTTP: count the commands of each call to its REST URL.
const plainFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const target = input instanceof Request ? input.url : String(input);
  if (!redisUrl || !target.startsWith(redisUrl)) return plainFetch(input, init);
  const request = new Request(input, init);
  const body = await request
    .clone()
    .json()
    .catch(() => null);
  meter.add("redis_commands", redisCommands(body));
  return plainFetch(request);
};

/**
 * The learner object with its storage and bindings metered (same isolate, same meter). The
 * runtime wants its own state object in the constructor, so the metered one replaces `ctx`
 * after it; the constructor's schema check is the only storage access not counted.
 */
// Admin sign-ins are not in a learner's profile: the guard runs unmetered.
export { SignInGuard } from "../src/auth/sign-in-guard-object.ts";
export { NearDuplicateBands } from "../src/pipeline/store/near-duplicate-bands-object.ts";

export class LearnerObject extends PlainLearnerObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meteredEnv(env));
    Object.defineProperty(this, "ctx", { value: meterObjectState(ctx, meter) });
  }
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === METERING_PATH) {
      if (request.method === "DELETE") {
        await meter.report();
        meter.reset();
        return new Response(null, { status: 204 });
      }
      return Response.json(await meter.report());
    }
    meter.begin(request.headers.get(TYPE_HEADER) ?? `${request.method} ${url.pathname}`);
    return worker.fetch(request, meteredEnv(env), meteredCtx(ctx));
  },
  async scheduled(controller, env, ctx) {
    meter.begin("scheduled");
    await worker.scheduled(controller, meteredEnv(env), meteredCtx(ctx));
  },
  async queue(batch, env, ctx) {
    meter.begin(`queue ${batch.queue}`);
    await worker.queue(batch, meteredEnv(env), meteredCtx(ctx));
  },
} satisfies ExportedHandler<Env>;
