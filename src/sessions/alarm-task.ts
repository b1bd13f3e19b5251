// The task contract lives apart from the list of tasks (alarm-tasks.ts), so the modules that
// implement a task do not import the module that imports them.

/** What an alarm task gets: the object's storage and bindings, and the time the alarm fired. */
export interface AlarmContext {
  storage: DurableObjectStorage;
  env: Env;
  now: number;
  /** Drops the object's in-memory copies of sessions, after a task deleted some. */
  forgetSessions(): void;
}

/**
 * One job of the learner object's alarm (retrying the outbox, expiring records...). It
 * returns when it next needs to run (epoch ms), or null. A task that throws is retried by
 * the platform with the whole alarm, so tasks must be safe to run again.
 */
export type AlarmTask = (ctx: AlarmContext) => Promise<number | null>;
