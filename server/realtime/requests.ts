/**
 * The server's side of CLIENT_REQUESTS (shared/events.ts): the handler table's type, and the one
 * dispatcher every client request goes through (flood guard, role guard, schema validation, a
 * checked acknowledgement, the error model with a trace id). A handler only sees valid input and
 * returns data; failures become `{ ok: false, error }` and never reach other clients.
 */
import { randomUUID } from 'node:crypto';
import {
  CLIENT_REQUESTS,
  isClientRequestName,
  type Ack,
  type ClientRequestName,
  type ReplyOf,
  type ValidRequestOf,
} from '../../shared/events.js';
import type { Deps } from '../domain/deps.js';
import type { Actor } from '../domain/users.js';
import { AppError } from '../errors.js';
import { currentActor } from './auth.js';
import type { ParleySocket } from './types.js';

/** What a handler knows of the request besides its payload. */
export interface RequestContext {
  socket: ParleySocket;
  /** The socket's user as of now (role and existence re-read from the store). */
  actor(): Promise<Actor | null>;
}

type Run<E extends ClientRequestName> = (input: ValidRequestOf<E>, ctx: RequestContext) => Promise<ReplyOf<E>>;

/**
 * A handler, or a handler with a guard that runs before the payload is validated: a
 * moderator-only event tells a reader FORBIDDEN, not how its payload should look.
 */
export type RequestHandler<E extends ClientRequestName> =
  Run<E> | { guard: (ctx: RequestContext) => Promise<void>; run: Run<E> };

/** One handler per client request, no more and no fewer: the type check holds the server to the map. */
export type RequestHandlers = { [E in ClientRequestName]: RequestHandler<E> };

/** Sends at most one flood notice per socket per this many ms. */
const FLOOD_NOTICE_MS = 1000;

type AnyAck = (result: Ack<unknown>) => void;
type AnyHandler = {
  guard?: (ctx: RequestContext) => Promise<void>;
  run: (input: unknown, ctx: RequestContext) => Promise<unknown>;
};

const normalise = (handler: RequestHandler<ClientRequestName>): AnyHandler =>
  (typeof handler === 'function' ? { run: handler } : handler) as AnyHandler;

/**
 * Listens to every event of `socket` with one listener (cheaper per connection than one closure
 * per event) and answers each through its handler, or UNKNOWN_EVENT.
 */
export function serveRequests(deps: Deps, socket: ParleySocket, handlers: RequestHandlers): void {
  let lastFloodNotice = 0;
  const ctx: RequestContext = { socket, actor: () => currentActor(deps, socket) };

  socket.onAny(async (event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as AnyAck) : null;
    // A trace id is made only for a refusal: most requests succeed, and this runs for every one.
    let traceId = '';
    const fail = (error: AppError) => {
      traceId ||= randomUUID();
      if (ack) ack({ ok: false, error: error.toPublic(traceId) });
      else socket.emit('server:error', error.toPublic(traceId));
    };
    try {
      const wait = await deps.limits.socketEvents.take(socket.id);
      if (wait > 0) {
        // Past the flood guard a socket without acknowledgements hears one notice a second, not one per event.
        const now = Date.now();
        if (ack || now - lastFloodNotice > FLOOD_NOTICE_MS) {
          lastFloodNotice = now;
          fail(new AppError('RATE_LIMITED', `Too many events; wait ${Math.ceil(wait / 1000)} s.`));
        }
        return;
      }
      if (!isClientRequestName(event)) throw new AppError('UNKNOWN_EVENT', `Unknown event "${event.slice(0, 50)}".`);
      if (!ack) throw new AppError('BAD_REQUEST', `"${event}" needs an acknowledgement callback.`);
      const handler = normalise(handlers[event] as RequestHandler<ClientRequestName>);
      if (handler.guard) await handler.guard(ctx);
      const parsed = CLIENT_REQUESTS[event].request.safeParse(args[0]);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Invalid "${event}" payload.`,
          parsed.error.issues
            .slice(0, 10)
            .map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
        );
      }
      ack({ ok: true, data: await handler.run(parsed.data, ctx) });
    } catch (err) {
      traceId ||= randomUUID();
      if (err instanceof AppError) {
        deps.log.debug(
          { code: err.code, event: event.slice(0, 50), socket: socket.id, traceId },
          'socket request refused',
        );
        fail(err);
      } else {
        deps.log.error({ err, event, socket: socket.id, traceId }, 'socket handler failed');
        fail(new AppError('INTERNAL'));
      }
    }
  });
}
