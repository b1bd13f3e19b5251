import type { BillableMeter } from "./billable-ops.ts";

/*
 * Counting proxies over the Worker's bindings: each forwards every call unchanged and tells the
 * meter what Cloudflare bills for it. A binding is recognised by its methods.
 */

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * A proxy handing each method call to `onCall` with a `forward` that makes the call (with other
 * arguments if given); whatever `onCall` returns is the result.
 */
function intercept<T extends object>(
  target: T,
  onCall: (name: string, args: unknown[], forward: (args?: unknown[]) => unknown) => unknown,
): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== "function" || typeof prop !== "string") return value;
      return (...args: unknown[]) =>
        onCall(prop, args, (replaced = args) => Reflect.apply(value as AnyFunction, obj, replaced));
    },
  });
}

/** Counts a call with `count`, then forwards it unchanged. */
function observe<T extends object>(target: T, count: (name: string, args: unknown[]) => void): T {
  return intercept(target, (name, args, forward) => {
    count(name, args);
    return forward();
  });
}

function meterKv(kv: KVNamespace, meter: BillableMeter): KVNamespace {
  return observe(kv, (name, args) => {
    // A bulk get reads each of its keys.
    if (name === "get" || name === "getWithMetadata")
      meter.add("kv_reads", Array.isArray(args[0]) ? args[0].length : 1);
    else if (name === "put") meter.add("kv_writes");
    else if (name === "delete") meter.add("kv_deletes");
    else if (name === "list") meter.add("kv_lists");
  });
}

type D1Meta = { rows_read?: number; rows_written?: number };

function countD1(meter: BillableMeter, meta: D1Meta | undefined): void {
  meter.add("d1_queries");
  meter.add("d1_rows_read", meta?.rows_read ?? 0);
  meter.add("d1_rows_written", meta?.rows_written ?? 0);
}

const originals = new WeakMap<object, D1PreparedStatement>();

/**
 * D1 reports rows read and written in `meta`, which `first()` and `raw()` do not return: the
 * metered statement answers those from `all()`, which runs the same statement once.
 */
function meterStatement(statement: D1PreparedStatement, meter: BillableMeter): D1PreparedStatement {
  const metered: D1PreparedStatement = {
    bind: (...values: unknown[]) => meterStatement(statement.bind(...values), meter),
    all: async <T>() => {
      const result = await statement.all<T>();
      countD1(meter, result.meta);
      return result;
    },
    run: async <T>() => {
      const result = await statement.run<T>();
      countD1(meter, result.meta);
      return result;
    },
    first: (async (column?: string) => {
      const row = ((await metered.all()).results[0] ?? null) as Record<string, unknown> | null;
      return column === undefined ? row : (row?.[column] ?? null);
    }) as D1PreparedStatement["first"],
    raw: (async (options?: { columnNames?: boolean }) => {
      const rows = (await metered.all()).results as Record<string, unknown>[];
      const values = rows.map((row) => Object.values(row));
      return options?.columnNames ? [Object.keys(rows[0] ?? {}), ...values] : values;
    }) as D1PreparedStatement["raw"],
  };
  originals.set(metered, statement);
  return metered;
}

function meterD1(db: D1Database, meter: BillableMeter): D1Database {
  return intercept(db, (name, args, forward) => {
    if (name === "prepare") return meterStatement(forward() as D1PreparedStatement, meter);
    if (name === "batch") {
      // Hand D1 its own statements; count each result.
      const statements = (args[0] as D1PreparedStatement[]).map((s) => originals.get(s) ?? s);
      return (forward([statements]) as Promise<D1Result[]>).then((results) => {
        for (const r of results) countD1(meter, r.meta);
        return results;
      });
    }
    if (name === "exec") meter.add("d1_queries");
    return forward();
  });
}

const R2_CLASS_B = new Set(["get", "head"]);

function meterR2(bucket: R2Bucket, meter: BillableMeter): R2Bucket {
  return observe(bucket, (name) => {
    meter.add(R2_CLASS_B.has(name) ? "r2_class_b" : "r2_class_a");
  });
}

function meterQueue(queue: Queue, meter: BillableMeter): Queue {
  return observe(queue, (name, args) => {
    if (name === "send") meter.add("queue_messages");
    if (name === "sendBatch") meter.add("queue_messages", [...(args[0] as Iterable<unknown>)].length);
  });
}

/** Every call on a stub (fetch or RPC) is one Durable Object request. */
function meterNamespace(namespace: DurableObjectNamespace, meter: BillableMeter): DurableObjectNamespace {
  return intercept(namespace, (name, _args, forward) => {
    const result = forward();
    if (name !== "get" && name !== "getByName") return result;
    return observe(result as DurableObjectStub, () => {
      meter.add("do_requests");
    });
  });
}

function has(value: object, ...methods: string[]): boolean {
  return methods.every((m) => typeof (value as Record<string, unknown>)[m] === "function");
}

/** The env with every billable binding metered; other values (vars, secrets, Hyperdrive) unchanged. */
export function meterBindings(env: Env, meter: BillableMeter): Env {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === null || typeof value !== "object") out[name] = value;
    else if (has(value, "getWithMetadata", "put", "list")) out[name] = meterKv(value as KVNamespace, meter);
    else if (has(value, "prepare", "batch")) out[name] = meterD1(value as D1Database, meter);
    else if (has(value, "head", "put", "createMultipartUpload")) out[name] = meterR2(value as R2Bucket, meter);
    else if (has(value, "send", "sendBatch")) out[name] = meterQueue(value as Queue, meter);
    else if (has(value, "idFromName", "get")) out[name] = meterNamespace(value as DurableObjectNamespace, meter);
    else out[name] = value;
  }
  return out as unknown as Env;
}

/** Upstash speaks HTTP: a command per request body, or an array of them for a pipeline or transaction. */
export function redisCommands(body: unknown): number {
  if (!Array.isArray(body)) return 0;
  return body.every((item) => Array.isArray(item)) ? body.length : 1;
}

/**
 * A Durable Object's state with its SQLite storage metered: each `sql.exec` cursor reports the
 * rows it read and wrote once consumed; the key-value calls are a row per key; `waitUntil` work
 * is waited for before a report.
 */
export function meterObjectState(state: DurableObjectState, meter: BillableMeter): DurableObjectState {
  const keys = (arg: unknown) =>
    Array.isArray(arg) ? arg.length : typeof arg === "object" && arg ? Object.keys(arg).length : 1;
  const sql = intercept(state.storage.sql, (name, _args, forward) => {
    const result = forward();
    if (name === "exec") {
      const cursor = result as SqlStorageCursor<Record<string, SqlStorageValue>>;
      meter.defer(() => ({ do_rows_read: cursor.rowsRead, do_rows_written: cursor.rowsWritten }));
    }
    return result;
  });
  const storage = new Proxy(state.storage, {
    get(target, prop) {
      if (prop === "sql") return sql;
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (prop === "get") meter.add("do_rows_read", keys(args[0]));
        if (prop === "put" || prop === "delete") meter.add("do_rows_written", keys(args[0]));
        return Reflect.apply(value as AnyFunction, target, args);
      };
    },
  });
  return new Proxy(state, {
    get(target, prop) {
      if (prop === "storage") return storage;
      // The object's after-commit work (the leaderboard's Redis script, the outbox's send) belongs
      // to the request that caused it: a report waits for it.
      if (prop === "waitUntil") {
        return (promise: Promise<unknown>) => {
          meter.track(promise);
          target.waitUntil(promise);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as AnyFunction).bind(target) : value;
    },
  });
}
