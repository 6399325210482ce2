/** What clients see of collaborative documents: access and named versions (docs/COLLAB.md). */

import type { PublicError } from './errors.js';

/** What the caller may do with a document: edit it, and take or restore versions. */
export interface DocAccess {
  doc: string;
  canEdit: boolean;
  canManage: boolean;
  /**
   * Set when the caller's part in the debate would let them edit but a sanction in force does not
   * (BANNED, MUTED, WARNING_UNACKNOWLEDGED, with `meta.until` and `meta.reason`): they read only,
   * and the client says why. Null otherwise.
   */
  writeRefused: Pick<PublicError, 'code' | 'message' | 'meta'> | null;
}

/**
 * POST /api/collab/ticket {doc} answers this: a single-use credential for one /collab connection
 * to `doc` (`?ticket=`), so the access token never travels in a URL (docs/COLLAB.md, "Tickets").
 */
export interface CollabTicket {
  ticket: string;
  /** ISO time after which the ticket is refused; it is also refused once used. */
  expiresAt: string;
}

export const DOC_VERSION_REASONS = ['manual', 'phase', 'restore'] as const;
/** manual: taken by a host or moderator; phase: at a debate phase change; restore: the state before a restore. */
export type DocVersionReason = (typeof DOC_VERSION_REASONS)[number];

/** A named version without its state (as listed). */
export interface DocVersionInfo {
  id: string;
  docName: string;
  name: string;
  /** Bytes of the encoded state. */
  size: number;
  createdBy: string | null;
  reason: DocVersionReason;
  createdAt: string;
}
