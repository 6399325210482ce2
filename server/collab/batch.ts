/**
 * The tick batch of one document: the edits its connections send within one tick go out together:
 * checked together (tick-check.ts), stored as ONE merged update (group commit: one store write) and
 * relayed as ONE message, encoded once and sent as the same bytes to every connection
 * (document.ts). A busy document so sends one frame per tick instead of one per keystroke, which is
 * what a relay spends its CPU on (a WebSocket send is a system call per connection), and the store
 * sees one write per tick. The tick's length is `relayTickMs` (options.ts, where it is justified).
 *
 * The tick is a throttle, not a fixed delay: an edit that arrives when nothing went out in the last
 * tick goes out at once (on the next turn of the event loop, so frames read together still go
 * together); later ones wait for the end of the tick. A lone typist is never delayed; a busy
 * document relays at most once per tick.
 */
import { performance } from 'node:perf_hooks';
import type { DocPeer } from './document.js';

/** An edit a connection sent, waiting for its tick. */
export interface SubmittedUpdate {
  update: Uint8Array;
  userId: string | null;
  /** The connection it came from; null for a change the server makes itself (a restore). */
  origin: DocPeer | null;
  /** Settles the submit: with the seq of the stored update that holds it, or null if it changed nothing. */
  resolve(seq: number | null): void;
  reject(err: unknown): void;
}

/** Collects the edits of one document and calls `flush` at most once per tick. */
export class TickBatch {
  private waiting: SubmittedUpdate[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly tickMs: number,
    private readonly flush: () => void,
    /** Monotonic milliseconds (tests pass their own clock). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds an edit; resolves or rejects when its tick has been stored and relayed (or refused). */
  submit(update: Uint8Array, userId: string | null, origin: DocPeer | null): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ update, userId, origin, resolve, reject });
      this.arm();
    });
  }

  /** The edits waiting, oldest first; the next edit starts a new tick. */
  take(): SubmittedUpdate[] {
    const taken = this.waiting;
    this.waiting = [];
    return taken;
  }

  /** Whether edits are waiting. */
  get pending(): boolean {
    return this.waiting.length > 0;
  }

  /** Stops the timer; what is waiting stays for the next take(). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) return;
    const delay = Math.max(0, this.lastFlushAt + this.tickMs - this.now());
    this.timer = setTimeout(this.fire, delay);
  }

  private readonly fire = (): void => {
    this.timer = null;
    this.lastFlushAt = this.now();
    this.flush();
  };
}

/** The one user all `updates` came from, or null when they came from several (or from the server). */
export function authorOf(updates: SubmittedUpdate[]): string | null {
  const first = updates[0]?.userId ?? null;
  return updates.every((u) => u.userId === first) ? first : null;
}

/**
 * The one connection all `updates` came from (it has them already, so the relay skips it), or null
 * when they came from several: then every connection gets the same frame, and a sender applying
 * its own edit again is a no-op in Yjs.
 */
export function soleOrigin(updates: SubmittedUpdate[]): DocPeer | null {
  const first = updates[0]?.origin ?? null;
  return updates.every((u) => u.origin === first) ? first : null;
}
