/**
 * Parsing shares its isolate with every request it serves: 8 MB of a hostile source parsed in
 * one synchronous stretch kept `/api/health` waiting for seconds. The parsers count their work
 * and give the event loop a turn once a slice of it is done. Work is counted, not timed:
 * workerd's clock stands still during synchronous code.
 */

/** Units of work between two turns: about 5 ms of the slowest parser on this machine. */
const SLICE = 10_000;
/** Units a record costs (its normalization, the renderers): about 50 µs. */
export const RECORD_COST = 100;
/** Characters a raw scan (JSON bounds, XML, CSV) handles per unit. */
export const CHARS_PER_UNIT = 64;
/** A raw scan is fed in chunks of one slice. */
export const SCAN_CHUNK = SLICE * CHARS_PER_UNIT;

/**
 * A macrotask, not a microtask: only a turn of the event loop lets a waiting request in.
 * setImmediate where there is one (Node clamps a timer to 1 ms), else a zero timer.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/** Counts work; `due` says when a slice is spent and the caller should `await nextTurn()`. */
export class Pacer {
  private spent = 0;

  /** Work done where the caller cannot wait; the next `due` counts it. */
  count(units: number): void {
    this.spent += units;
  }

  due(units = 1): boolean {
    this.spent += units;
    if (this.spent < SLICE) return false;
    this.spent = 0;
    return true;
  }
}
