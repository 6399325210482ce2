/**
 * Who may do what with a collaborative document, resolved per document before any update is
 * accepted. For a position summary: the debate's host, that position's debaters, moderators and
 * admins edit; everyone else, guests included, reads. Versions are managed (taken, restored) by the
 * host and by moderators and admins.
 */
import type { DebateRecord } from '../store/collab-store.js';
import type { Store } from '../store/store.js';
import { AppError } from '../errors.js';
import { writeRefusal } from '../domain/moderation/standing.js';
import type { Actor } from '../domain/users.js';
import { parseDocName, type DocRef } from '../../shared/doc-names.js';

export interface ResolvedDocAccess {
  doc: DocRef;
  debate: DebateRecord;
  canEdit: boolean;
  /** May take and restore named versions. */
  canManage: boolean;
  /**
   * The sanction that takes edit and manage away from someone whose part in the debate gives them
   * (BANNED, MUTED, WARNING_UNACKNOWLEDGED); null when none does.
   */
  writeRefused: AppError | null;
}

/**
 * Resolves a document name for an actor (null for a guest). Throws AppError BAD_REQUEST for a
 * malformed name and NOT_FOUND for an unknown debate or position (close 4000 / 4004 on a socket).
 */
export type AccessResolver = (actor: Actor | null, docName: string) => Promise<ResolvedDocAccess>;

const isModerator = (actor: Actor | null): boolean => actor?.role === 'moderator' || actor?.role === 'admin';

/** The access an actor's part in a debate gives to one position (no store read; used when a roster changes). */
export function accessIn(
  debate: DebateRecord,
  doc: DocRef,
  actor: Actor | null,
): Pick<ResolvedDocAccess, 'canEdit' | 'canManage'> | null {
  const position = debate.positions.find((p) => p.id === doc.positionId);
  if (!position) return null;
  const canManage = isModerator(actor) || (actor !== null && actor.id === debate.hostId);
  const canEdit = canManage || (actor !== null && position.debaterIds.includes(actor.id));
  return { canEdit, canManage };
}

/**
 * Resolves access from the debate's roster, then the sanctions in force: a banned or muted user (or
 * one with a warning to acknowledge) reads, as everywhere else they may not write (DESIGN).
 */
export function debateAccessResolver(
  store: Pick<Store, 'getDebate' | 'listSanctions'>,
  now: () => Date,
): AccessResolver {
  return async (actor, docName) => {
    const doc = parseDocName(docName);
    if (!doc) throw new AppError('BAD_REQUEST', 'Malformed document name; expected debate/<id>/position/<id>.');
    const debate = await store.getDebate(doc.debateId);
    const access = debate ? accessIn(debate, doc, actor) : null;
    if (!debate || !access) throw new AppError('NOT_FOUND', 'No such debate position.');
    const writeRefused = actor && access.canEdit ? writeRefusal(await store.listSanctions(actor.id), now()) : null;
    if (writeRefused) return { doc, debate, canEdit: false, canManage: false, writeRefused };
    return { doc, debate, ...access, writeRefused: null };
  };
}
