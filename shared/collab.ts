/** What clients see of collaborative documents: access and named versions (docs/COLLAB.md). */

/** What the caller may do with a document: edit it, and take or restore versions. */
export interface DocAccess {
  doc: string;
  canEdit: boolean;
  canManage: boolean;
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
