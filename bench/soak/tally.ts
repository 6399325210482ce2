/**
 * Counts every action of the soak by kind: done, refused (by code) and failed. A refusal is a code
 * the action may meet by honest racing with others (a moderator removed the comment a writer was
 * editing) or OVERLOADED (the server shedding load, as documented); anything else, a timeout or a
 * thrown error, is an error, and any error fails the soak.
 */
import { LiveError } from '../../client/src/realtime/requests.js';

export interface KindCount {
  ok: number;
  refused: Record<string, number>;
  errors: number;
}

/** Codes any write may get without anything being wrong. */
const ALWAYS_EXPECTED = ['OVERLOADED'];
const MAX_SAMPLES = 30;

export class Tally {
  readonly kinds = new Map<string, KindCount>();
  /** The first errors, as `kind: message`, for the report. */
  readonly errorSamples: string[] = [];

  private of(kind: string): KindCount {
    let count = this.kinds.get(kind);
    if (!count) this.kinds.set(kind, (count = { ok: 0, refused: {}, errors: 0 }));
    return count;
  }

  /** Runs one action; its value when it was done, undefined when it was refused or failed. */
  async attempt<T>(kind: string, expected: readonly string[], work: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await work();
      this.of(kind).ok += 1;
      return value;
    } catch (err) {
      const code = err instanceof LiveError ? err.code : null;
      if (code && (expected.includes(code) || ALWAYS_EXPECTED.includes(code))) {
        const refused = this.of(kind).refused;
        refused[code] = (refused[code] ?? 0) + 1;
      } else {
        this.error(kind, code ? `${code} ${(err as Error).message}` : String((err as Error)?.message ?? err));
      }
      return undefined;
    }
  }

  /** Counts something that happened without a request (a reconnect, an open reader). */
  done(kind: string): void {
    this.of(kind).ok += 1;
  }

  error(kind: string, message: string): void {
    this.of(kind).errors += 1;
    if (this.errorSamples.length < MAX_SAMPLES) this.errorSamples.push(`${kind}: ${message}`);
  }

  get actions(): number {
    let n = 0;
    for (const c of this.kinds.values()) n += c.ok + c.errors + Object.values(c.refused).reduce((a, b) => a + b, 0);
    return n;
  }

  get errors(): number {
    let n = 0;
    for (const c of this.kinds.values()) n += c.errors;
    return n;
  }

  get refusals(): number {
    let n = 0;
    for (const c of this.kinds.values()) n += Object.values(c.refused).reduce((a, b) => a + b, 0);
    return n;
  }

  toJSON(): Record<string, KindCount> {
    return Object.fromEntries([...this.kinds.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
