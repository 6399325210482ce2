/**
 * A stand-in for the socket.io client socket, implementing only the surface the client uses:
 * `on` / `off`, `emit` (fire and forget), `timeout(ms).emitWithAck` (requests), `connect`,
 * `disconnect`, and the `connected` / `active` / `recovered` flags. Tests play the server: they
 * answer requests (at once with `respond`, or later through `pending`) and push server events with
 * `serverEmit`. Nothing here waits on real time.
 */
import type { Ack, AckFn, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';
import type { ErrorCode, PublicError } from '../../../shared/errors.js';
import type { ParleyClientSocket } from '../realtime/requests.js';

export type FakeRequestEvent = keyof ClientToServerEvents;
export type FakePayload<E extends FakeRequestEvent> = Parameters<ClientToServerEvents[E]>[0];
export type FakeAckData<E extends FakeRequestEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends AckFn<infer T> ? T : never;

/** What a responder answers: an acknowledgement, or a thrown error standing for a timeout. */
export type Responder<E extends FakeRequestEvent> = (
  payload: FakePayload<E>,
) => Ack<FakeAckData<E>> | Promise<Ack<FakeAckData<E>>>;

/** A request nobody answered yet; the test settles it. */
export interface PendingRequest<E extends FakeRequestEvent = FakeRequestEvent> {
  event: E;
  payload: FakePayload<E>;
  /** The timeout the client asked for (`socket.timeout(ms)`). */
  timeoutMs: number;
  reply(data: FakeAckData<E>): void;
  refuse(code: ErrorCode, message?: string): void;
  /** What socket.io does when no acknowledgement came within the timeout. */
  timeOut(): void;
}

export interface SentRequest {
  event: FakeRequestEvent;
  payload: unknown;
  timeoutMs: number;
}

type Handler = (...args: never[]) => unknown;

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function refusal(code: ErrorCode, message = `refused: ${code}`): { ok: false; error: PublicError } {
  return { ok: false, error: { code, message } };
}

export class FakeSocket {
  connected = false;
  /** socket.io's `active`: connected, or trying to (re)connect by itself. */
  active = false;
  recovered = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** Every request sent with an acknowledgement, in order. */
  readonly sent: SentRequest[] = [];
  /** Fire-and-forget emits (`socket.emit`), in order. */
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly responders = new Map<string, Responder<FakeRequestEvent>>();
  private readonly waiting: PendingRequest[] = [];

  /** The fake, typed as the socket the client code expects. */
  get socket(): ParleyClientSocket {
    return this as unknown as ParleyClientSocket;
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  /** All listeners, summed over events. */
  totalListeners(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  timeout(ms: number): { emitWithAck: (event: FakeRequestEvent, payload: unknown) => Promise<unknown> } {
    return { emitWithAck: (event, payload) => this.request(event, payload, ms) };
  }

  connect(): this {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  // ---- The test's side: answering and pushing events ----

  /** Answers every later `event` request with `responder` (until replaced or cleared). */
  respond<E extends FakeRequestEvent>(event: E, responder: Responder<E>): void {
    this.responders.set(event, responder as unknown as Responder<FakeRequestEvent>);
  }

  /** Stops answering `event` by itself: its requests wait in `pending`. */
  unrespond(event: FakeRequestEvent): void {
    this.responders.delete(event);
  }

  /** Requests waiting for an answer, optionally only those of one event. */
  pending<E extends FakeRequestEvent>(event?: E): Array<PendingRequest<E>> {
    return this.waiting.filter((r) => event === undefined || r.event === event) as Array<PendingRequest<E>>;
  }

  /** The single waiting request of `event`; throws when there is not exactly one. */
  only<E extends FakeRequestEvent>(event: E): PendingRequest<E> {
    const found = this.pending(event);
    if (found.length !== 1) throw new Error(`expected one pending ${event}, found ${found.length}`);
    return found[0]!;
  }

  /** Requests sent for `event`, payloads only. */
  sentOf<E extends FakeRequestEvent>(event: E): Array<FakePayload<E>> {
    return this.sent.filter((r) => r.event === event).map((r) => r.payload as FakePayload<E>);
  }

  /** A server-to-client event, delivered to every listener. */
  serverEmit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.fire(event, ...args);
  }

  /** The transport connected (or reconnected; `recovered` as socket.io reports it). */
  simulateConnect(options: { recovered?: boolean } = {}): void {
    this.connected = true;
    this.active = true;
    this.recovered = options.recovered ?? false;
    this.fire('connect');
  }

  /** The connection dropped; `active` stays true unless the server ended it on purpose. */
  simulateDisconnect(reason = 'transport close'): void {
    this.connected = false;
    this.active = reason !== 'io server disconnect' && reason !== 'io client disconnect';
    this.fire('disconnect', reason);
  }

  /** A failed handshake; `active` says whether socket.io keeps retrying by itself. */
  simulateConnectError(error: Error, options: { active: boolean }): void {
    this.connected = false;
    this.active = options.active;
    this.fire('connect_error', error);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) (handler as (...a: unknown[]) => unknown)(...args);
  }

  private request(event: FakeRequestEvent, payload: unknown, timeoutMs: number): Promise<unknown> {
    this.sent.push({ event, payload, timeoutMs });
    const responder = this.responders.get(event);
    if (responder) return Promise.resolve().then(() => responder(payload as never));
    return new Promise((resolve, reject) => {
      const entry: PendingRequest = {
        event,
        payload: payload as never,
        timeoutMs,
        reply: (data) => settle(() => resolve(ok(data))),
        refuse: (code, message) => settle(() => resolve(refusal(code, message))),
        timeOut: () => settle(() => reject(new Error('operation has timed out'))),
      };
      const settle = (done: () => void) => {
        const at = this.waiting.indexOf(entry);
        if (at === -1) throw new Error(`${event} was already answered`);
        this.waiting.splice(at, 1);
        done();
      };
      this.waiting.push(entry);
    });
  }
}
