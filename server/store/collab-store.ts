/**
 * Store methods for collaborative documents (Yjs) and the debate roster they are permitted by.
 * Both adapters implement every method here and pass contract-collab.ts.
 *
 * Guarantees every adapter gives:
 * - appendDocUpdate takes the document's next `seq` in the same atomic unit as the stored update:
 *   concurrent appends get distinct, increasing seqs, and a seq is never reused, not even after
 *   compaction removed every update (the counter lives with the document, not in the update log).
 * - The promise of appendDocUpdate resolves only once the update is committed, so a caller that
 *   relays or acknowledges after it never announces an update a crash could lose.
 * - compactDoc writes the snapshot and removes the updates it covers in one atomic unit, so a
 *   reader sees either the old snapshot with every update or the new snapshot with the later ones.
 * - Stored documents only grow by merging (DESIGN rule 9). compactDoc is a compare-and-set on the
 *   snapshot's seq: its caller read the snapshot at `basedOnSeq` and the updates up to `upToSeq`
 *   (loadDoc) and merged them into `state`; the write happens only if the stored snapshot still
 *   covers exactly `basedOnSeq`, and removes only the updates in (basedOnSeq, upToSeq], the ones
 *   merged. Several processes may append and compact one document at once: a compaction that lost
 *   the race changes nothing (answers false), and nothing stored is ever replaced by a copy that
 *   lacks it. Seqs are taken and committed in one atomic unit with their update, so the updates a
 *   reader sees are every update up to the last seq it sees.
 * - Bytes go in and come out as Uint8Array (SQLite BLOB, MongoDB BinData).
 */
import type { DocVersionInfo, DocVersionReason } from '../../shared/collab.js';
import { randomBytes } from 'node:crypto';

/** One stored Yjs update (binary, update format v1). */
export interface DocUpdateRecord {
  seq: number;
  update: Uint8Array;
}

/** What loadDoc answers: the last snapshot (if any) and the updates after it, in seq order. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** The seq the snapshot covers (0 without one); every update in `updates` has a larger seq. */
  snapshotSeq: number;
  updates: DocUpdateRecord[];
}

/** A named version with its Yjs state (encodeStateAsUpdate of the whole document). */
export interface DocVersionRecord extends DocVersionInfo {
  state: Uint8Array;
}

export interface NewDocVersion {
  docName: string;
  name: string;
  state: Uint8Array;
  createdBy: string | null;
  reason: DocVersionReason;
}

/** A side of a debate; its summary is the document `debate/<debateId>/position/<id>`. */
export interface DebatePosition {
  id: string;
  name: string;
  debaterIds: string[];
}

/**
 * The debate roster: who hosts and who argues which position. Kept small on purpose; debate
 * phases and the rest of a session come with issue 6. The store does not check that the article
 * and the users exist; callers do (server/domain/debate/roster.ts).
 */
export interface DebateRecord {
  id: string;
  articleId: string;
  hostId: string;
  motion: string;
  positions: DebatePosition[];
  createdAt: string;
  updatedAt: string;
}

export type NewDebate = Pick<DebateRecord, 'articleId' | 'hostId' | 'motion' | 'positions'>;
export type DebateRosterPatch = Partial<Pick<DebateRecord, 'hostId' | 'positions'>>;

export interface CollabStore {
  /** Stores one update durably and returns its seq (1, 2, 3 ... per document). */
  appendDocUpdate(docName: string, update: Uint8Array, userId: string | null): Promise<number>;
  /** The snapshot and the updates after it, oldest first; an unknown document is empty. */
  loadDoc(docName: string): Promise<StoredDoc>;
  /**
   * Replaces the snapshot with `state` (the merge of the stored snapshot at `basedOnSeq` and every
   * stored update up to `upToSeq`) and deletes those updates, atomically, if the stored snapshot
   * still covers `basedOnSeq` (0: no snapshot yet). Answers whether it wrote; false changes nothing
   * (another compaction came first, or upToSeq is not past basedOnSeq).
   */
  compactDoc(docName: string, state: Uint8Array, upToSeq: number, basedOnSeq?: number): Promise<boolean>;
  createDocVersion(version: NewDocVersion): Promise<DocVersionRecord>;
  /** Versions of a document, newest first, without their state; at most `limit` (default 200). */
  listDocVersions(docName: string, limit?: number): Promise<DocVersionInfo[]>;
  getDocVersion(id: string): Promise<DocVersionRecord | null>;

  createDebate(debate: NewDebate): Promise<DebateRecord>;
  getDebate(id: string): Promise<DebateRecord | null>;
  /** Changes the host and/or replaces the positions; null if there is no such debate. */
  updateDebateRoster(id: string, patch: DebateRosterPatch): Promise<DebateRecord | null>;
}

let lastMillis = 0;
let counter = 0;

/**
 * A version id that sorts by creation time (within one process even inside one millisecond), so
 * "newest first" is (createdAt desc, id desc) in both adapters: 12 hex digits of milliseconds,
 * 4 of a counter, then 12 random ones.
 */
export function newVersionId(now = Date.now()): string {
  if (now === lastMillis) counter = (counter + 1) & 0xffff;
  else {
    lastMillis = now;
    counter = 0;
  }
  return `${now.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${randomBytes(6).toString('hex')}`;
}
