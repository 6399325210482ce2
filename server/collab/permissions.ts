/**
 * Who may do what with a collaborative document, resolved per document before any update is
 * accepted. For a position summary: the debate's host, that position's debaters, moderators and
 * admins edit; everyone else, guests included, reads. Versions are managed (taken, restored) by the
 * host and by moderators and admins.
 */
import type { DebateRecord } from '../store/collab-store.js';
import type { Store } from '../store/store.js';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import { parseDocName, type DocRef } from '../../shared/doc-names.js';

export interface ResolvedDocAccess {
  doc: DocRef;
  debate: DebateRecord;
  canEdit: boolean;
  /** May take and restore named versions. */
  canManage: boolean;
}

/**
 * Resolves a document name for an actor (null for a guest). Throws AppError BAD_REQUEST for a
 * malformed name and NOT_FOUND for an unknown debate or position (close 4000 / 4004 on a socket).
 */
export type AccessResolver = (actor: Actor | null, docName: string) => Promise<ResolvedDocAccess>;

const isModerator = (actor: Actor | null): boolean => actor?.role === 'moderator' || actor?.role === 'admin';

/** The access an actor has to one position of a debate (no store read; used when a roster changes). */
export function accessIn(
  debate: DebateRecord,
  doc: DocRef,
  actor: Actor | null,
): Omit<ResolvedDocAccess, 'doc' | 'debate'> | null {
  const position = debate.positions.find((p) => p.id === doc.positionId);
  if (!position) return null;
  const canManage = isModerator(actor) || (actor !== null && actor.id === debate.hostId);
  const canEdit = canManage || (actor !== null && position.debaterIds.includes(actor.id));
  return { canEdit, canManage };
}

export function debateAccessResolver(store: Pick<Store, 'getDebate'>): AccessResolver {
  return async (actor, docName) => {
    const doc = parseDocName(docName);
    if (!doc) throw new AppError('BAD_REQUEST', 'Malformed document name; expected debate/<id>/position/<id>.');
    const debate = await store.getDebate(doc.debateId);
    const access = debate ? accessIn(debate, doc, actor) : null;
    if (!debate || !access) throw new AppError('NOT_FOUND', 'No such debate position.');
    return { doc, debate, ...access };
  };
}
