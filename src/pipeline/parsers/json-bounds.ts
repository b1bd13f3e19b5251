import { nextTurn, SCAN_CHUNK } from "./cooperative.ts";
import { MAX_DEPTH, MAX_ELEMENTS, tooDeep, tooManyElements } from "./limits.ts";

/**
 * Checks a JSON text's size before `JSON.parse` builds it: one linear pass counting values
 * (containers and separators outside strings) and nesting depth. `JSON.parse` itself is linear,
 * but 8 MB of `[],` are 2.7 million arrays, several times the memory a Worker has. The pass
 * gives the event loop a turn every chunk (see cooperative.ts).
 */
export async function assertJsonBounds(text: string, format: string): Promise<void> {
  let depth = 0;
  let values = 0;
  let inString = false;
  let turnAt = SCAN_CHUNK;
  for (let i = 0; i < text.length; i++) {
    if (i >= turnAt) {
      turnAt += SCAN_CHUNK;
      await nextTurn();
    }
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_DEPTH) throw tooDeep(format);
      if (++values > MAX_ELEMENTS) throw tooManyElements(format);
    } else if (ch === 0x5d || ch === 0x7d) depth--;
    else if (ch === 0x2c && ++values > MAX_ELEMENTS) throw tooManyElements(format);
  }
}
