/**
 * A view of the page's socket for a LiveThread that shows one debate position only: the requests
 * that read top-level comments (`article:join`, and `thread:page` without a parent) carry the
 * position chosen at the moment they are sent, so a join after a reconnect keeps the filter.
 * Everything else passes through to the socket unchanged.
 */
import type { ClientToServerEvents } from '../../../shared/events.js';
import type { ParleyClientSocket } from './live-thread.js';

type TimedEmitter = ReturnType<ParleyClientSocket['timeout']>;

function withPosition(event: string, payload: unknown, positionId: string | null): unknown {
  if (!positionId || typeof payload !== 'object' || payload === null) return payload;
  const name = event as keyof ClientToServerEvents;
  if (name === 'article:join') return { ...payload, positionId };
  if (name === 'thread:page' && !('parentId' in payload && payload.parentId)) return { ...payload, positionId };
  return payload;
}

/**
 * The socket as LiveThread uses it, with `positionOf()` (null: every position) added to the
 * top-level reads. LiveThread sends requests only through `timeout(ms).emitWithAck`.
 */
export function positionFilteredSocket(socket: ParleyClientSocket, positionOf: () => string | null): ParleyClientSocket {
  const timeout = (ms: number): TimedEmitter => {
    const timed = socket.timeout(ms);
    const emitWithAck = (event: string, payload: unknown) =>
      (timed.emitWithAck as (e: string, p: unknown) => Promise<unknown>).call(timed, event, withPosition(event, payload, positionOf()));
    return new Proxy(timed, { get: (target, prop) => (prop === 'emitWithAck' ? emitWithAck : Reflect.get(target, prop, target)) });
  };
  return new Proxy(socket, {
    get(target, prop) {
      if (prop === 'timeout') return timeout;
      const value: unknown = Reflect.get(target, prop, target);
      // Methods run on the socket itself, so its private fields and listeners stay its own.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
