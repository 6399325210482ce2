/**
 * Handshake: checks the protocol version and the optional access token. Guests connect without a
 * token and may only read. A bad token is refused with its code, so the client can refresh and retry.
 */
import { PROTOCOL_VERSION } from '../../shared/events.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { ParleySocket } from './types.js';

/** socket.io sends `err.data` to the client with the connect_error. */
function refusal(error: AppError): Error & { data: unknown } {
  return Object.assign(new Error(error.message), { data: error.toPublic() });
}

export function socketAuth(deps: Deps) {
  return async (socket: ParleySocket, next: (err?: Error) => void) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as { token?: unknown; protocol?: unknown };
      if (auth.protocol !== undefined && auth.protocol !== PROTOCOL_VERSION) throw new AppError('PROTOCOL_MISMATCH');
      socket.data.articles = [];
      socket.data.userId = null;
      socket.data.name = null;
      if (auth.token !== undefined && auth.token !== null && auth.token !== '') {
        if (typeof auth.token !== 'string' || auth.token.length > 4096) throw new AppError('TOKEN_INVALID');
        const claims = deps.tokens.verifyAccess(auth.token);
        const user = await deps.store.getUser(claims.sub);
        if (!user) throw new AppError('TOKEN_INVALID', 'The account no longer exists.');
        socket.data.userId = user.id;
        socket.data.name = user.name;
      }
      next();
    } catch (err) {
      next(refusal(err instanceof AppError ? err : new AppError('INTERNAL')));
    }
  };
}

/**
 * The socket's user as of now: the role is read from the store on every call, so a role change
 * or (later) a sanction applies to open connections at once.
 */
export async function currentActor(deps: Deps, socket: ParleySocket): Promise<Actor | null> {
  if (!socket.data.userId) return null;
  const user = await deps.store.getUser(socket.data.userId);
  return user ? { id: user.id, name: user.name, role: user.role } : null;
}
