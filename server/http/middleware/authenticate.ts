/**
 * Reads `Authorization: Bearer <token>` into the request's actor. No header means a guest; a bad
 * token is refused with 401 at once. The role comes from the store, not the token, so a role change
 * applies at once and a deleted user's token stops working.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../domain/users.js';

export function authenticate(deps: Deps): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      res.locals.actor = null;
      return next();
    }
    const match = /^Bearer ([A-Za-z0-9_\-.=]{1,4096})$/.exec(header);
    if (!match) throw new AppError('TOKEN_INVALID', 'Use "Authorization: Bearer <token>".');
    const claims = deps.tokens.verifyAccess(match[1]!);
    const user = await deps.store.getUser(claims.sub);
    if (!user) throw new AppError('TOKEN_INVALID', 'The account no longer exists.');
    const actor: Actor = { id: user.id, name: user.name, role: user.role };
    res.locals.actor = actor;
    next();
  };
}

/** The acting user set by authenticate(), or null for a guest. */
export function actorOf(res: Response): Actor | null {
  return (res.locals.actor as Actor | null | undefined) ?? null;
}

/** The acting user, or UNAUTHENTICATED. */
export function signedIn(_req: Request, res: Response): Actor {
  const actor = actorOf(res);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}
