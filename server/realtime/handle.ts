/**
 * One wrapper for every client event: flood guard, schema validation, a checked acknowledgement,
 * and the error model. A handler only sees valid input and returns data; failures become
 * `{ ok: false, error }` and never reach other clients.
 */
import type { z } from 'zod';
import type { Ack } from '../../shared/events.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import type { ParleySocket } from './types.js';

type AckFn = (result: Ack<unknown>) => void;

/** Sends at most one flood notice per socket per this many ms. */
const FLOOD_NOTICE_MS = 1000;

export function createHandle(deps: Deps, socket: ParleySocket) {
  let lastFloodNotice = 0;

  /**
   * @param guard runs before the payload is validated: a moderator-only event tells a reader
   * FORBIDDEN, not how its payload should look.
   */
  return function handle<S extends z.ZodType, R>(
    event: string,
    schema: S,
    run: (input: z.output<S>) => Promise<R>,
    guard?: () => Promise<void>,
  ) {
    // socket.io's typed `on` cannot express "any payload": we validate it ourselves below.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(
      event,
      async (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as AckFn) : null;
        const reply = (result: Ack<unknown>) => {
          if (ack) ack(result);
        };
        try {
          const wait = await deps.limits.socketEvents.take(socket.id);
          if (wait > 0) {
            const now = Date.now();
            if (!ack && now - lastFloodNotice > FLOOD_NOTICE_MS) {
              lastFloodNotice = now;
              socket.emit('server:error', new AppError('RATE_LIMITED').toPublic());
            }
            return reply({
              ok: false,
              error: new AppError('RATE_LIMITED', `Too many events; wait ${Math.ceil(wait / 1000)} s.`).toPublic(),
            });
          }
          if (!ack) throw new AppError('BAD_REQUEST', `"${event}" needs an acknowledgement callback.`);
          if (guard) await guard();
          const parsed = schema.safeParse(args[0]);
          if (!parsed.success) {
            throw new AppError(
              'VALIDATION_FAILED',
              `Invalid "${event}" payload.`,
              parsed.error.issues
                .slice(0, 10)
                .map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
            );
          }
          reply({ ok: true, data: await run(parsed.data) });
        } catch (err) {
          const error = err instanceof AppError ? err : new AppError('INTERNAL');
          if (!(err instanceof AppError)) deps.log.error({ err, event, socket: socket.id }, 'socket handler failed');
          if (ack) reply({ ok: false, error: error.toPublic() });
          else socket.emit('server:error', error.toPublic());
        }
      },
    );
  };
}
