/**
 * Typed one-off requests and listeners on the page's socket, for the parts of the client that are
 * not a LiveThread (moderation tools, the desk, the account standing). Types come from the one event
 * map in shared/events.ts (CLIENT_REQUESTS), so a renamed event or payload breaks the build.
 */
import type { Socket } from 'socket.io-client';
import type { PublicError } from '../../../shared/errors.js';
import type {
  Ack,
  ClientRequestName,
  ClientToServerEvents,
  ReplyOf,
  RequestOf,
  ServerToClientEvents,
} from '../../../shared/events.js';

export type ParleyClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A request the server refused: its code (switch on it) and its public error. */
export class LiveError extends Error {
  constructor(readonly error: PublicError) {
    super(error.message);
    this.name = 'LiveError';
  }
  get code() {
    return this.error.code;
  }
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new LiveError(ack.error);
  return ack.data;
}

const ACK_TIMEOUT_MS = 10_000;

export type RequestEvent = ClientRequestName;
export type RequestPayload<E extends RequestEvent> = RequestOf<E>;
/** The data an event's acknowledgement carries when it succeeds. */
export type AckData<E extends RequestEvent> = ReplyOf<E>;

/**
 * Sends one request and resolves with the acknowledged data. Rejects with a LiveError carrying the
 * server's code when it is refused, and with a plain Error when no answer came in time.
 */
export async function request<E extends RequestEvent>(
  socket: ParleyClientSocket,
  event: E,
  payload: RequestPayload<E>,
): Promise<AckData<E>> {
  return unwrap(await sendRequest(socket, event, payload));
}

/** Sends one request and resolves with its acknowledgement as it came; rejects only on the timeout. */
export async function sendRequest<E extends RequestEvent>(
  socket: ParleyClientSocket,
  event: E,
  payload: RequestPayload<E>,
): Promise<Ack<AckData<E>>> {
  // The timeout variant of emitWithAck loses the ack's type: restore it from the event map.
  const timed = socket.timeout(ACK_TIMEOUT_MS);
  const send = timed.emitWithAck as (e: E, p: RequestPayload<E>) => Promise<Ack<AckData<E>>>;
  return send.call(timed, event, payload);
}

/** Listens to one server event; returns the function that stops listening. */
export function listen<E extends keyof ServerToClientEvents>(
  socket: ParleyClientSocket,
  event: E,
  handler: ServerToClientEvents[E],
): () => void {
  // socket.io's typed `on` wants the exact listener type of each event.
  (socket.on as (e: string, h: unknown) => void)(event, handler);
  return () => (socket.off as (e: string, h: unknown) => void)(event, handler);
}

/**
 * Calls `handler` on every (re)connect that did not recover the previous session: rooms such as the
 * moderation desk are gone then and must be joined again.
 */
export function onFreshConnect(socket: ParleyClientSocket, handler: () => void): () => void {
  const onConnect = () => {
    if (!socket.recovered) handler();
  };
  socket.on('connect', onConnect);
  return () => socket.off('connect', onConnect);
}
