/**
 * Collaborative documents and the debate roster in SQLite (migration 4). better-sqlite3 runs each
 * transaction synchronously, so a returned seq or a resolved compaction is committed (WAL) before
 * the caller gets it; a killed process loses none of it. Several processes may share the file:
 * appends take their seq inside an IMMEDIATE transaction, and compaction is a compare-and-set on
 * the snapshot's seq (collab-store.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { DocVersionInfo, DocVersionReason } from '../../../shared/collab.js';
import {
  newVersionId,
  type CollabStore,
  type DebatePosition,
  type DebateRecord,
  type DocVersionRecord,
} from '../collab-store.js';

interface VersionRow {
  id: string;
  doc_name: string;
  name: string;
  size: number;
  created_by: string | null;
  reason: DocVersionReason;
  created_at: string;
  state?: Buffer;
}

interface DebateRow {
  id: string;
  article_id: string;
  host_id: string;
  motion: string;
  positions: string;
  created_at: string;
  updated_at: string;
}

/** SQLite hands BLOBs out as Buffers; the store speaks plain Uint8Array (no copy). */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const toVersionInfo = (r: VersionRow): DocVersionInfo => ({
  id: r.id,
  docName: r.doc_name,
  name: r.name,
  size: r.size,
  createdBy: r.created_by,
  reason: r.reason,
  createdAt: r.created_at,
});

const toDebate = (r: DebateRow): DebateRecord => ({
  id: r.id,
  articleId: r.article_id,
  hostId: r.host_id,
  motion: r.motion,
  positions: JSON.parse(r.positions) as DebatePosition[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Copies positions to plain records, so no caller-owned object is stored by reference. */
const cleanPositions = (positions: DebatePosition[]): DebatePosition[] =>
  positions.map((p) => ({ id: String(p.id), name: String(p.name), debaterIds: p.debaterIds.map(String) }));

export function collabMethods(db: Database): CollabStore {
  const takeSeq = db.prepare<[string, string], { last_seq: number }>(
    `INSERT INTO collab_docs (doc_name, last_seq, updated_at) VALUES (?, 1, ?)
     ON CONFLICT (doc_name) DO UPDATE SET last_seq = last_seq + 1, updated_at = excluded.updated_at
     RETURNING last_seq`,
  );
  const insertUpdate = db.prepare<[string, number, Buffer, string | null, string]>(
    'INSERT INTO collab_updates (doc_name, seq, data, user_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const docRow = db.prepare<[string], { snapshot: Buffer | null; snapshot_seq: number }>(
    'SELECT snapshot, snapshot_seq FROM collab_docs WHERE doc_name = ?',
  );
  const updatesAfter = db.prepare<[string, number], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM collab_updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
  );
  // Compare-and-set: only over the snapshot the merged state was built on, and only up to a seq taken.
  const writeSnapshot = db.prepare<[Buffer, number, string, string, number, number]>(
    `UPDATE collab_docs SET snapshot = ?, snapshot_seq = ?, updated_at = ?
     WHERE doc_name = ? AND snapshot_seq = ? AND last_seq >= ?`,
  );
  const dropUpdates = db.prepare<[string, number, number]>(
    'DELETE FROM collab_updates WHERE doc_name = ? AND seq > ? AND seq <= ?',
  );
  const insertVersion = db.prepare(
    `INSERT INTO collab_versions (id, doc_name, name, state, size, created_by, reason, created_at)
     VALUES (@id, @docName, @name, @state, @size, @createdBy, @reason, @createdAt)`,
  );
  const versionsOf = db.prepare<[string, number], VersionRow>(
    `SELECT id, doc_name, name, size, created_by, reason, created_at FROM collab_versions
     WHERE doc_name = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const versionById = db.prepare<[string], VersionRow & { state: Buffer }>(
    'SELECT * FROM collab_versions WHERE id = ?',
  );
  const insertDebate = db.prepare(
    `INSERT INTO debates (id, article_id, host_id, motion, positions, created_at, updated_at)
     VALUES (@id, @articleId, @hostId, @motion, @positions, @createdAt, @updatedAt)`,
  );
  const debateById = db.prepare<[string], DebateRow>('SELECT * FROM debates WHERE id = ?');
  const updateDebate = db.prepare<[string, string, string, string], DebateRow>(
    'UPDATE debates SET host_id = ?, positions = ?, updated_at = ? WHERE id = ? RETURNING *',
  );

  const append = db.transaction((docName: string, update: Uint8Array, userId: string | null): number => {
    const at = new Date().toISOString();
    const seq = takeSeq.get(docName, at)!.last_seq;
    insertUpdate.run(docName, seq, blob(update), userId, at);
    return seq;
  });

  const load = db.transaction((docName: string) => {
    const doc = docRow.get(docName);
    const snapshotSeq = doc?.snapshot_seq ?? 0;
    return {
      snapshot: doc?.snapshot ? bytes(doc.snapshot) : null,
      snapshotSeq,
      updates: updatesAfter.all(docName, snapshotSeq).map((r) => ({ seq: r.seq, update: bytes(r.data) })),
    };
  });

  /**
   * Writes the merged snapshot only if the stored one is still the one it was merged from, and
   * removes only the updates it merged. A process that lost the race (another compaction came
   * first) changes nothing, so no process's state ever replaces what it has not read.
   */
  const compact = db.transaction((docName: string, state: Uint8Array, upToSeq: number, basedOnSeq: number) => {
    if (!(upToSeq > basedOnSeq)) return false;
    const at = new Date().toISOString();
    if (writeSnapshot.run(blob(state), upToSeq, at, docName, basedOnSeq, upToSeq).changes !== 1) return false;
    dropUpdates.run(docName, basedOnSeq, upToSeq);
    return true;
  });

  const patchDebate = db.transaction((id: string, patch: { hostId?: string; positions?: DebatePosition[] }) => {
    const current = debateById.get(id);
    if (!current) return null;
    const hostId = patch.hostId !== undefined ? String(patch.hostId) : current.host_id;
    const positions =
      patch.positions !== undefined ? JSON.stringify(cleanPositions(patch.positions)) : current.positions;
    return updateDebate.get(hostId, positions, new Date().toISOString(), id) ?? null;
  });

  return {
    async appendDocUpdate(docName, update, userId) {
      return append.immediate(docName, update, userId);
    },

    async loadDoc(docName) {
      return load(docName);
    },

    async compactDoc(docName, state, upToSeq, basedOnSeq = 0) {
      return compact.immediate(docName, state, Number(upToSeq), Number(basedOnSeq));
    },

    async createDocVersion(v) {
      const now = Date.now();
      const record: DocVersionRecord = {
        id: newVersionId(now),
        docName: v.docName,
        name: v.name,
        size: v.state.byteLength,
        createdBy: v.createdBy,
        reason: v.reason,
        createdAt: new Date(now).toISOString(),
        state: new Uint8Array(v.state),
      };
      insertVersion.run({ ...record, state: blob(record.state) });
      return record;
    },

    async listDocVersions(docName, limit = 200) {
      return versionsOf.all(docName, limit).map(toVersionInfo);
    },

    async getDocVersion(id) {
      const row = versionById.get(id);
      return row ? { ...toVersionInfo(row), state: bytes(row.state) } : null;
    },

    async createDebate(d) {
      const at = new Date().toISOString();
      const record: DebateRecord = {
        id: randomUUID(),
        articleId: d.articleId,
        hostId: d.hostId,
        motion: d.motion,
        positions: cleanPositions(d.positions),
        createdAt: at,
        updatedAt: at,
      };
      insertDebate.run({ ...record, positions: JSON.stringify(record.positions) });
      return record;
    },

    async getDebate(id) {
      const row = debateById.get(id);
      return row ? toDebate(row) : null;
    },

    async updateDebateRoster(id, patch) {
      const row = patchDebate.immediate(id, patch);
      return row ? toDebate(row) : null;
    },
  };
}
