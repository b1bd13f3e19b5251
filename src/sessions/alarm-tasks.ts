/** What an alarm task gets: the object's storage and bindings, and the time the alarm fired. */
export interface AlarmContext {
  storage: DurableObjectStorage;
  env: Env;
  now: number;
}

/**
 * One job of the learner object's alarm (retrying the outbox, expiring records...). It
 * returns when it next needs to run (epoch ms), or null. A task that throws is retried by
 * the platform with the whole alarm, so tasks must be safe to run again.
 */
export type AlarmTask = (ctx: AlarmContext) => Promise<number | null>;

/** The alarm's tasks; modules append theirs. */
export const ALARM_TASKS: readonly AlarmTask[] = [];

/** Runs every task (all of them, even when one fails) and answers the earliest next run asked for. */
export async function runAlarmTasks(tasks: readonly AlarmTask[], ctx: AlarmContext): Promise<number | null> {
  let next: number | null = null;
  const failures: unknown[] = [];
  for (const task of tasks) {
    try {
      const at = await task(ctx);
      if (at !== null && (next === null || at < next)) next = at;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} alarm task(s) failed`);
  return next;
}
