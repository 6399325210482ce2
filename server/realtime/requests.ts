/**
 * The server's side of CLIENT_REQUESTS (shared/events.ts): the handler table's type, and the one
 * dispatcher every client request goes through (flood guard, overload gate, role guard, schema
 * validation, a checked acknowledgement, the error model with a trace id). A handler only sees valid input and
 * returns data; failures become `{ ok: false, error }` and never reach other clients. The dispatcher
 * also counts the requests in hand (graceful stop) and, with several processes, answers a request
 * only once its broadcasts are out.
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
import { FloodGuard } from './flood-guard.js';
import { isGatedWrite } from './overload-gate.js';
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

/** Answers a refusal in the acknowledgement, or, for an event sent without one, as `server:error`. */
function refuse(socket: ParleySocket, ack: AnyAck | null, error: AppError, traceId: string): void {
  if (ack) ack({ ok: false, error: error.toPublic(traceId) });
  else socket.emit('server:error', error.toPublic(traceId));
}

export interface RequestServerOptions {
  /** Request events one connection may send a second (flood-guard.ts). */
  eventsPerSecond: number;
  /**
   * With several processes: resolves once this process's broadcasts so far are in the shared
   * stream. A request is answered after it, so what a client does after the answer comes after the
   * request's changes for everyone.
   */
  flushed?: () => Promise<void>;
}

export interface RequestServer {
  /** Serves the requests of one connection, from now until it closes. */
  serve(socket: ParleySocket): void;
  /** Requests admitted to their handler and not yet answered (graceful stop). */
  inFlight(): number;
}

/**
 * The dispatcher for every connection of a server: `handlers` answer the requests, each behind the
 * flood guard, the overload gate, its guard and its schema.
 */
export function createRequestServer(
  deps: Deps,
  handlers: RequestHandlers,
  options: RequestServerOptions,
): RequestServer {
  // Every handler in one shape, once, rather than per request.
  const table = new Map<string, AnyHandler>();
  for (const [event, handler] of Object.entries(handlers))
    table.set(event, (typeof handler === 'function' ? { run: handler } : handler) as AnyHandler);
  const { eventsPerSecond, flushed } = options;
  let inFlight = 0;

  /**
   * Listens to every event of `socket` with one listener (cheaper per connection than one closure
   * per event) and answers each through its handler, or UNKNOWN_EVENT.
   */
  function serve(socket: ParleySocket): void {
    const flood = new FloodGuard(eventsPerSecond);
    let lastFloodNotice = 0;
    const ctx: RequestContext = { socket, actor: () => currentActor(deps, socket) };

    socket.onAny(async (event: string, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as AnyAck) : null;
      const wait = flood.take();
      if (wait > 0) {
        // Past the flood guard a socket without acknowledgements hears one notice a second, not one per event.
        const now = Date.now();
        if (ack || now - lastFloodNotice > FLOOD_NOTICE_MS) {
          lastFloodNotice = now;
          const error = new AppError('RATE_LIMITED', `Too many events; wait ${Math.ceil(wait / 1000)} s.`);
          refuse(socket, ack, error, randomUUID());
        }
        return;
      }
      let release: (() => void) | null = null;
      let counted = false;
      try {
        if (!isClientRequestName(event)) throw new AppError('UNKNOWN_EVENT', `Unknown event "${event.slice(0, 50)}".`);
        if (!ack) throw new AppError('BAD_REQUEST', `"${event}" needs an acknowledgement callback.`);
        // Past capacity a write is refused here, before any of its work (OVERLOADED, nothing stored);
        // an admitted one counts as in flight until it is answered.
        release = deps.overload && isGatedWrite(event) ? deps.overload.admitWrite() : null;
        const handler = table.get(event)!;
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
        inFlight += 1;
        counted = true;
        const data = await handler.run(parsed.data, ctx);
        // Alone there is nothing to wait for, and no extra turn is taken.
        if (flushed) await flushed();
        ack({ ok: true, data });
      } catch (err) {
        // A trace id is made only for a refusal: most requests succeed, and this runs for every one.
        const traceId = randomUUID();
        if (err instanceof AppError) {
          deps.log.debug(
            { code: err.code, event: event.slice(0, 50), socket: socket.id, traceId },
            'socket request refused',
          );
          refuse(socket, ack, err, traceId);
        } else {
          deps.log.error({ err, event, socket: socket.id, traceId }, 'socket handler failed');
          refuse(socket, ack, new AppError('INTERNAL'), traceId);
        }
      } finally {
        if (counted) inFlight -= 1;
        release?.();
      }
    });
  }

  return { serve, inFlight: () => inFlight };
}
