/**
 * One automatic retry of a refused send when the server was overloaded. An OVERLOADED refusal
 * stored nothing (docs/PROTOCOL.md), so sending the same thing again cannot post it twice; any
 * other refusal, and a second OVERLOADED, go back to the caller, who shows it and lets the user
 * try again.
 */
import { LiveError } from '../../realtime/requests.js';

/** The wait used when an OVERLOADED refusal names none. */
const DEFAULT_WAIT_MS = 2000;

const waitFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long an OVERLOADED refusal asks to wait, or null for anything else. */
export function overloadWaitMs(err: unknown): number | null {
  if (!(err instanceof LiveError) || err.code !== 'OVERLOADED') return null;
  const ms = err.error.meta?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_WAIT_MS;
}

/**
 * Sends; when the server answers OVERLOADED, tells `onWait` how long it waits, waits that long and
 * sends once more. Rejects with the second attempt's refusal, or at once with any other one.
 */
export async function sendRetryingOnceWhenBusy<T>(
  send: () => Promise<T>,
  onWait: (ms: number) => void,
  wait: (ms: number) => Promise<void> = waitFor,
): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const ms = overloadWaitMs(err);
    if (ms === null) throw err;
    onWait(ms);
    await wait(ms);
    return send();
  }
}
