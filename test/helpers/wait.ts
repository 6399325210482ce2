/**
 * Waiting in tests: on an event or a condition, never on the clock alone. On an idle machine each
 * wait ends in milliseconds; the caps are generous because a busy two-core machine (CI, or two
 * suites at once) is slow, not wrong, and a cap only decides how long a real failure takes to show.
 */

/** Default cap of a wait: well past any honest delay, well inside the 30 s test timeout. */
export const WAIT_MS = 15_000;

/** Resolves once `check` holds (polled), or rejects with `what` after `ms`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms: number = WAIT_MS,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * `work`'s result, or a rejection naming `what` once `ms` pass: a step that hangs then fails at
 * that step, with a message, instead of running into the test's own timeout.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Anything with socket.io-style on/off; loosely typed, so typed sockets of any event map fit. */
interface Emitter {
  on(event: any, listener: any): unknown;
  off(event: any, listener: any): unknown;
}

/** The first argument of the next `event` on `emitter` for which `match` holds. */
export function nextEvent<T = any>(
  emitter: Emitter,
  event: string,
  match: (payload: T) => boolean = () => true,
  ms: number = WAIT_MS,
): Promise<T> {
  let listener: (payload: T) => void = () => undefined;
  const seen = new Promise<T>((resolve) => {
    listener = (payload: T) => {
      if (match(payload)) resolve(payload);
    };
    emitter.on(event, listener);
  });
  return within(ms, `the ${event} event`, seen).finally(() => emitter.off(event, listener));
}

/**
 * Resolves once the wall clock has moved to a new millisecond. Stores stamp rows with it and list
 * "newest first" by that stamp: a test that asserts the order of two rows made back to back waits
 * for this between them, so they cannot share a stamp (a tie's order is arbitrary).
 */
export async function nextMillisecond(): Promise<void> {
  const stamp = Date.now();
  while (Date.now() === stamp) await new Promise((r) => setTimeout(r, 1));
}
