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
import type { CollabTickets } from './tickets.js';

export interface CollabHooks {
  /**
   * The actor of a connection to `docName` from its ticket (tickets.ts); null without one (a guest).
   * Throws AppError TICKET_INVALID for a ticket unknown, used, expired or issued for another document.
   */
  authenticate(ticket: string | null, docName: string): Promise<Actor | null>;
  /** A ticket for `actor` to open `docName` (POST /api/collab/ticket), once they may read it. */
  issueTicket(actor: Actor, docName: string): Promise<{ ticket: string; expiresAt: Date }>;
  authorize: AccessResolver;

  /** The stored snapshot and the updates after it. */
  load(docName: string): Promise<StoredDoc>;
  /**
   * Persists one accepted update (what one relay tick's updates change, merged: one write per tick,
   * batch.ts); resolves with its seq once it is durable. `userId` is the tick's one author, or null
   * when several users' edits are in it.
   */
  change(docName: string, update: Uint8Array, userId: string | null): Promise<number>;
  /**
   * Writes `state`, the merge of the stored snapshot at `basedOnSeq` and the stored updates up to
   * `upToSeq`, as the snapshot covering `upToSeq`, if the stored snapshot is still the one at
   * `basedOnSeq` (compare-and-set); answers whether it wrote.
   */
  store(docName: string, state: Uint8Array, upToSeq: number, basedOnSeq: number): Promise<boolean>;
}

/**
 * The actor a ticket was issued to. As for HTTP, the role comes from the store, not the ticket, so
 * a role change applies at the next connection and a deleted user's ticket stops working.
 */
export async function actorOfTicket(
  deps: Deps,
  tickets: CollabTickets,
  ticket: string | null,
  docName: string,
): Promise<Actor | null> {
  if (ticket === null) return null;
  const holder = await tickets.redeem(ticket);
  if (!holder || holder.docName !== docName) throw new AppError('TICKET_INVALID');
  const user = await deps.store.getUser(holder.userId);
  if (!user) throw new AppError('TICKET_INVALID', 'The account no longer exists.');
  return { id: user.id, name: user.name, role: user.role };
}

export function defaultHooks(deps: Deps, tickets: CollabTickets): CollabHooks {
  const authorize = debateAccessResolver(deps.store, deps.now);
  return {
    authenticate: (ticket, docName) => actorOfTicket(deps, tickets, ticket, docName),
    async issueTicket(actor, docName) {
      // Unknown or malformed documents are refused here (404 / 400), not at the socket.
      await authorize(actor, docName);
      return tickets.issue({ userId: actor.id, docName });
    },
    authorize,
    load: (docName) => deps.store.loadDoc(docName),
    change: (docName, update, userId) => deps.store.appendDocUpdate(docName, update, userId),
    store: (docName, state, upToSeq, basedOnSeq) => deps.store.compactDoc(docName, state, upToSeq, basedOnSeq),
  };
}
