/**
 * Collaborative documents and the debate roster in MongoDB; same behaviour as the SQLite adapter
 * (server/store/sqlite/collab.ts). Appends and compactions are transactions: an append takes the
 * document's next seq with $inc on its `collab_docs` entry and inserts the update in the same
 * transaction, so concurrent appends collide on that entry (a WriteConflict, which
 * `connection.transaction()` reruns) and come out with distinct, increasing seqs. A compaction is
 * a compare-and-set on the entry's snapshotSeq (collab-store.ts): it writes only over the snapshot
 * its merged state was built on and removes only the updates it merged.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { DocVersionInfo } from '../../../shared/collab.js';
import {
  newVersionId,
  type CollabStore,
  type DebatePosition,
  type DebateRecord,
  type DocVersionRecord,
  type StoredDoc,
} from '../collab-store.js';
import {
  collabModels,
  type CollabDocDoc,
  type CollabUpdateDoc,
  type CollabVersionDoc,
  type DebateDoc,
} from './collab-models.js';
import { nowIso } from './cursor.js';

/** Reruns of an append that lost an upsert race with a duplicate key (see appendDocUpdate). */
const APPEND_ATTEMPTS = 3;
/** Reads of loadDoc that may meet a compaction between its two queries. */
const LOAD_ATTEMPTS = 5;

/** Lean reads give BinData back as a BSON Binary (with value()); writes may hand back Buffers. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const binary = value as { value?: () => Uint8Array } | null;
  if (binary && typeof binary.value === 'function') return new Uint8Array(binary.value());
  throw new TypeError('stored binary field has an unexpected type');
}

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 11000;

const cleanPositions = (positions: DebatePosition[]): DebatePosition[] =>
  positions.map((p) => ({ id: String(p.id), name: String(p.name), debaterIds: p.debaterIds.map(String) }));

const toVersionInfo = (d: Omit<CollabVersionDoc, 'state'>): DocVersionInfo => ({
  id: d._id,
  docName: d.docName,
  name: d.name,
  size: d.size,
  createdBy: d.createdBy ?? null,
  reason: d.reason,
  createdAt: d.createdAt,
});

const toDebate = (d: DebateDoc): DebateRecord => ({
  id: d._id,
  articleId: d.articleId,
  hostId: d.hostId,
  motion: d.motion,
  positions: cleanPositions(d.positions ?? []),
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export async function collabOps(conn: Connection): Promise<CollabStore> {
  const { docs, updates, versions, debates } = await collabModels(conn);

  /** One append in one transaction; all state stays inside, since withTransaction may rerun it. */
  const appendOnce = (docName: string, update: Buffer, userId: string | null): Promise<number> =>
    conn.transaction(async (session) => {
      const at = nowIso();
      const doc = await docs
        .findOneAndUpdate(
          { _id: docName },
          { $inc: { lastSeq: 1 }, $set: { updatedAt: at }, $setOnInsert: { snapshot: null, snapshotSeq: 0 } },
          { upsert: true, session, returnDocument: 'after', projection: { lastSeq: 1 } },
        )
        .lean<Pick<CollabDocDoc, '_id' | 'lastSeq'>>();
      if (!doc) throw new Error('upsert of the collab document returned nothing');
      const row: CollabUpdateDoc = { _id: randomUUID(), docName, seq: doc.lastSeq, update, userId, createdAt: at };
      await updates.create([row], { session });
      return doc.lastSeq;
    });

  return {
    async appendDocUpdate(docName, update, userId) {
      const name = String(docName);
      const data = toBuffer(update);
      const user = userId === null ? null : String(userId);
      for (let attempt = 1; ; attempt++) {
        try {
          return await appendOnce(name, data, user);
        } catch (err) {
          // Two first appends to a new document may both try to insert its entry; the loser gets a
          // duplicate key outside the retried transient errors. The entry exists now: run again.
          if (!isDuplicateKey(err) || attempt >= APPEND_ATTEMPTS) throw err;
        }
      }
    },

    async loadDoc(docName): Promise<StoredDoc> {
      const name = String(docName);
      for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
        const doc = await docs.findOne({ _id: name }, { snapshot: 1, snapshotSeq: 1 }).lean<CollabDocDoc>();
        const snapshotSeq = doc?.snapshotSeq ?? 0;
        const rows = await updates
          .find({ docName: name, seq: { $gt: snapshotSeq } })
          .sort({ seq: 1 })
          .lean<CollabUpdateDoc[]>();
        // A compaction between the two reads may have removed updates the old snapshot lacks:
        // the snapshot must still be the one read first, else read both again.
        const again = await docs.findOne({ _id: name }, { snapshotSeq: 1 }).lean<Pick<CollabDocDoc, 'snapshotSeq'>>();
        if ((again?.snapshotSeq ?? 0) !== snapshotSeq) continue;
        return {
          snapshot: doc?.snapshot ? bytesOf(doc.snapshot) : null,
          snapshotSeq,
          updates: rows.map((r) => ({ seq: r.seq, update: bytesOf(r.update) })),
        };
      }
      throw new Error(`loadDoc: ${name} kept being compacted while it was read`);
    },

    async compactDoc(docName, state, upToSeq, basedOnSeq = 0) {
      const name = String(docName);
      const upTo = Number(upToSeq);
      const basedOn = Number(basedOnSeq);
      if (!(upTo > basedOn)) return false;
      const data = toBuffer(state);
      // Compare-and-set, as in SQLite: only over the snapshot the merged state was built on, only up
      // to a seq taken, and only the updates merged are removed. A compaction that lost the race
      // changes nothing. All state stays inside: withTransaction may rerun the callback.
      return conn.transaction(async (session) => {
        const written = await docs.updateOne(
          { _id: name, snapshotSeq: basedOn, lastSeq: { $gte: upTo } },
          { $set: { snapshot: data, snapshotSeq: upTo, updatedAt: nowIso() } },
          { session },
        );
        if (written.matchedCount !== 1) return false;
        await updates.deleteMany({ docName: name, seq: { $gt: basedOn, $lte: upTo } }, { session });
        return true;
      });
    },

    async createDocVersion(v) {
      const now = Date.now();
      const record: DocVersionRecord = {
        id: newVersionId(now),
        docName: String(v.docName),
        name: String(v.name),
        size: v.state.byteLength,
        createdBy: v.createdBy === null ? null : String(v.createdBy),
        reason: v.reason,
        createdAt: new Date(now).toISOString(),
        state: new Uint8Array(v.state),
      };
      const { id, state, ...rest } = record;
      await versions.create({ _id: id, ...rest, state: toBuffer(state) });
      return record;
    },

    async listDocVersions(docName, limit = 200) {
      const rows = await versions
        .find({ docName: String(docName) }, { state: 0 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(Math.max(1, Math.trunc(Number(limit)) || 1))
        .lean<Array<Omit<CollabVersionDoc, 'state'>>>();
      return rows.map(toVersionInfo);
    },

    async getDocVersion(id) {
      const row = await versions.findOne({ _id: String(id) }).lean<CollabVersionDoc>();
      return row ? { ...toVersionInfo(row), state: bytesOf(row.state) } : null;
    },

    async createDebate(d) {
      const at = nowIso();
      const doc: DebateDoc = {
        _id: randomUUID(),
        articleId: String(d.articleId),
        hostId: String(d.hostId),
        motion: String(d.motion),
        positions: cleanPositions(d.positions),
        createdAt: at,
        updatedAt: at,
      };
      await debates.create(doc);
      return toDebate(doc);
    },

    async getDebate(id) {
      const doc = await debates.findOne({ _id: String(id) }).lean<DebateDoc>();
      return doc ? toDebate(doc) : null;
    },

    async updateDebateRoster(id, patch) {
      const set: Partial<DebateDoc> = { updatedAt: nowIso() };
      if (patch.hostId !== undefined) set.hostId = String(patch.hostId);
      if (patch.positions !== undefined) set.positions = cleanPositions(patch.positions);
      const doc = await debates
        .findOneAndUpdate({ _id: String(id) }, { $set: set }, { returnDocument: 'after' })
        .lean<DebateDoc>();
      return doc ? toDebate(doc) : null;
    },
  };
}
