/**
 * The flood guard of the request dispatcher (requests.ts; docs/PROTOCOL.md, "Flood guard"): one
 * connection may send `perSecond` request events a second, counted over windows of two seconds, so
 * a burst of twice that passes. A window starts with the first event after the last one ended, and
 * every event counts, refused or not.
 *
 * It is one small object per connection, counted synchronously, because it runs before every
 * request of every connection: the rate limiter it replaces (rate-limiter-flexible's memory store,
 * keyed by socket id) cost each request a promise and each new connection a timer. A connection
 * lives on one process, so nothing is gained by counting it anywhere else.
 */

/** The length of one counting window. */
export const FLOOD_WINDOW_MS = 2000;

export class FloodGuard {
  private readonly allowed: number;
  private windowEnds = 0;
  private events = 0;

  /** `now` is for tests; the dispatcher uses the wall clock. */
  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.allowed = perSecond * (FLOOD_WINDOW_MS / 1000);
  }

  /** Counts one event: 0 when it may run, else the milliseconds until the window ends (at least 1). */
  take(): number {
    const now = this.now();
    if (now >= this.windowEnds) {
      this.windowEnds = now + FLOOD_WINDOW_MS;
      this.events = 0;
    }
    this.events += 1;
    return this.events > this.allowed ? Math.max(1, this.windowEnds - now) : 0;
  }
}
