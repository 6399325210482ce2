/**
 * The collaborative server as a chain of small hooks, in the shape of Hocuspocus: authenticate
 * (who is this?) -> authorize (edit or read this document?) -> load (fetch from the store) ->
 * change (persist one accepted update) -> store (write a compacted snapshot). The document and
 * connection code only calls these; swapping the store is a matter of other hooks. The relay
 * between processes is not a hook but a part of its own (relay.ts), given to startCollab.
 */
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { StoredDoc } from '../store/collab-store.js';
import { debateAccessResolver, type AccessResolver } from './permissions.js';

export interface CollabHooks {
  /** The actor of a token; null without one (a guest). Throws AppError TOKEN_INVALID / TOKEN_EXPIRED. */
  authenticate(token: string | null): Promise<Actor | null>;
  authorize: AccessResolver;
  /** The stored snapshot and the updates after it. */
  load(docName: string): Promise<StoredDoc>;
  /** Persists one accepted update; resolves with its seq once it is durable. */
  change(docName: string, update: Uint8Array, userId: string | null): Promise<number>;
  /**
   * Writes `state`, the merge of the stored snapshot at `basedOnSeq` and the stored updates up to
   * `upToSeq`, as the snapshot covering `upToSeq`, if the stored snapshot is still the one at
   * `basedOnSeq` (compare-and-set); answers whether it wrote.
   */
  store(docName: string, state: Uint8Array, upToSeq: number, basedOnSeq: number): Promise<boolean>;
}

const TOKEN = /^[A-Za-z0-9_\-.=]{1,4096}$/;

/**
 * The actor of an access token. As for HTTP, the role comes from the store, not the token, so a
 * role change applies at the next connection and a deleted user's token stops working.
 */
export async function actorOfToken(deps: Deps, token: string | null): Promise<Actor | null> {
  if (token === null || token === '') return null;
  if (!TOKEN.test(token)) throw new AppError('TOKEN_INVALID');
  const claims = deps.tokens.verifyAccess(token);
  const user = await deps.store.getUser(claims.sub);
  if (!user) throw new AppError('TOKEN_INVALID', 'The account no longer exists.');
  return { id: user.id, name: user.name, role: user.role };
}

export function defaultHooks(deps: Deps): CollabHooks {
  return {
    authenticate: (token) => actorOfToken(deps, token),
    authorize: debateAccessResolver(deps.store),
    load: (docName) => deps.store.loadDoc(docName),
    change: (docName, update, userId) => deps.store.appendDocUpdate(docName, update, userId),
    store: (docName, state, upToSeq, basedOnSeq) => deps.store.compactDoc(docName, state, upToSeq, basedOnSeq),
  };
}
