import { flushOutbox } from "../answer-stream/outbox/outbox.ts";
import { retryBoardOutbox } from "../leaderboards/board-outbox.ts";
import type { AlarmContext, AlarmTask } from "./alarm-task.ts";
import { expireAnonymousSessions } from "./expire-anonymous.ts";
import { expireIdempotencyRecords } from "./expire-idempotency.ts";

/** The alarm's tasks; modules append theirs. */
export const ALARM_TASKS: readonly AlarmTask[] = [
  retryBoardOutbox,
  flushOutbox,
  expireAnonymousSessions,
  expireIdempotencyRecords,
];

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
