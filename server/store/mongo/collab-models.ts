/**
 * Collections of the collaborative documents and the debate roster: `collab_docs` (one per
 * document: the seq counter and the snapshot), `collab_updates` (the update log, unique per
 * document and seq), `collab_versions` and `debates`. Binary fields are Buffers (BinData).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { DOC_VERSION_REASONS, type DocVersionReason } from '../../../shared/collab.js';
import type { DebatePosition } from '../collab-store.js';

export interface CollabDocDoc {
  /** The document name. */
  _id: string;
  /** Last seq handed out; bumped with $inc inside each append's transaction. */
  lastSeq: number;
  snapshot: Buffer | null;
  snapshotSeq: number;
  updatedAt: string;
}

export interface CollabUpdateDoc {
  _id: string;
  docName: string;
  seq: number;
  update: Buffer;
  userId: string | null;
  createdAt: string;
}

export interface CollabVersionDoc {
  _id: string;
  docName: string;
  name: string;
  state: Buffer;
  size: number;
  createdBy: string | null;
  reason: DocVersionReason;
  createdAt: string;
}

export interface DebateDoc {
  _id: string;
  articleId: string;
  hostId: string;
  motion: string;
  positions: DebatePosition[];
  createdAt: string;
  updatedAt: string;
}

const collabDocSchema = new Schema<CollabDocDoc>(
  {
    _id: { type: String, required: true },
    lastSeq: { type: Number, default: 0 },
    snapshot: { type: Buffer, default: null },
    snapshotSeq: { type: Number, default: 0 },
    updatedAt: { type: String, default: '' },
  },
  { collection: 'collab_docs', versionKey: false, strictQuery: true },
);

const collabUpdateSchema = new Schema<CollabUpdateDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    docName: { type: String, required: true },
    seq: { type: Number, required: true },
    update: { type: Buffer, required: true },
    userId: { type: String, default: null },
    createdAt: { type: String, default: '' },
  },
  { collection: 'collab_updates', versionKey: false, strictQuery: true },
);
collabUpdateSchema.index({ docName: 1, seq: 1 }, { unique: true, name: 'collab_updates_docSeq' });

const collabVersionSchema = new Schema<CollabVersionDoc>(
  {
    _id: { type: String, required: true },
    docName: { type: String, required: true },
    name: { type: String, default: '' },
    state: { type: Buffer, required: true },
    size: { type: Number, default: 0 },
    createdBy: { type: String, default: null },
    reason: { type: String, enum: DOC_VERSION_REASONS, required: true },
    createdAt: { type: String, default: '' },
  },
  { collection: 'collab_versions', versionKey: false, strictQuery: true },
);
collabVersionSchema.index({ docName: 1, createdAt: -1, _id: -1 }, { name: 'collab_versions_doc' });

const positionSchema = new Schema<DebatePosition>(
  {
    id: { type: String, required: true },
    name: { type: String, default: '' },
    debaterIds: { type: [String], default: [] },
  },
  { _id: false },
);

const debateSchema = new Schema<DebateDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    articleId: { type: String, required: true },
    hostId: { type: String, required: true },
    motion: { type: String, default: '' },
    positions: { type: [positionSchema], default: [] },
    createdAt: { type: String, default: '' },
    updatedAt: { type: String, default: '' },
  },
  { collection: 'debates', versionKey: false, strictQuery: true },
);
debateSchema.index({ articleId: 1, createdAt: 1 }, { name: 'debates_article' });

export interface CollabModels {
  docs: Model<CollabDocDoc>;
  updates: Model<CollabUpdateDoc>;
  versions: Model<CollabVersionDoc>;
  debates: Model<DebateDoc>;
}

/** Registers the models on `conn` and waits until their collections and indexes exist. */
export async function collabModels(conn: Connection): Promise<CollabModels> {
  const models: CollabModels = {
    docs: conn.model<CollabDocDoc>('CollabDoc', collabDocSchema),
    updates: conn.model<CollabUpdateDoc>('CollabUpdate', collabUpdateSchema),
    versions: conn.model<CollabVersionDoc>('CollabVersion', collabVersionSchema),
    debates: conn.model<DebateDoc>('Debate', debateSchema),
  };
  await Promise.all([models.docs.init(), models.updates.init(), models.versions.init(), models.debates.init()]);
  return models;
}
