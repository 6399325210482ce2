/**
 * The `sanctions` collection: warnings, mutes and bans of users. Lifting and acknowledging are
 * single conditional updates, so of two racing calls exactly one gets the record back.
 */
import { randomUUID } from 'node:crypto';
import type { MongoDoc } from './doc.js';
import { Schema, type Connection, type Model } from 'mongoose';
import { SANCTION_KINDS, type Sanction, type SanctionKind } from '../../../shared/types.js';
import type { Store } from '../store.js';

export type SanctionDoc = MongoDoc<Sanction>;

const sanctionSchema = new Schema<SanctionDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    userId: { type: String, default: '' },
    kind: { type: String, enum: SANCTION_KINDS, required: true },
    reason: { type: String, default: '' },
    until: { type: String, default: null },
    actorId: { type: String, default: '' },
    createdAt: { type: String, default: '' },
    acknowledgedAt: { type: String, default: null },
    liftedAt: { type: String, default: null },
  },
  { collection: 'sanctions', versionKey: false, strictQuery: true },
);
sanctionSchema.index({ userId: 1, createdAt: -1, _id: -1 }, { name: 'sanctions_user' });

export type SanctionModel = Model<SanctionDoc>;

export const sanctionModel = (conn: Connection): SanctionModel => conn.model<SanctionDoc>('Sanction', sanctionSchema);

const orNull = (s: string | null | undefined): string | null => (s == null ? null : String(s));

const toSanction = (d: SanctionDoc): Sanction => ({
  id: d._id,
  userId: d.userId,
  kind: d.kind,
  reason: d.reason,
  until: d.until ?? null,
  actorId: d.actorId,
  createdAt: d.createdAt,
  acknowledgedAt: d.acknowledgedAt ?? null,
  liftedAt: d.liftedAt ?? null,
});

function toKind(value: unknown): SanctionKind {
  const kind = SANCTION_KINDS.find((k) => k === String(value));
  if (!kind) throw new RangeError(`unknown sanction kind: ${String(value)}`);
  return kind;
}

type SanctionOps = Pick<
  Store,
  'createSanction' | 'listSanctions' | 'getSanction' | 'liftSanction' | 'acknowledgeSanction'
>;

export function sanctionOps(sanctions: SanctionModel): SanctionOps {
  return {
    async createSanction(s) {
      const doc: SanctionDoc = {
        _id: randomUUID(),
        userId: String(s.userId),
        kind: toKind(s.kind),
        reason: String(s.reason),
        until: orNull(s.until),
        actorId: String(s.actorId),
        createdAt: String(s.createdAt),
        acknowledgedAt: null,
        liftedAt: null,
      };
      await sanctions.create(doc);
      return toSanction(doc);
    },

    async listSanctions(userId) {
      const docs = await sanctions
        .find({ userId: String(userId) })
        .sort({ createdAt: -1, _id: -1 })
        .lean<SanctionDoc[]>();
      return docs.map(toSanction);
    },

    async getSanction(id) {
      const d = await sanctions.findOne({ _id: String(id) }).lean<SanctionDoc>();
      return d ? toSanction(d) : null;
    },
    async liftSanction(id, at) {
      // `liftedAt: null` also matches a missing field; a lifted sanction stays lifted at its first time.
      const d = await sanctions
        .findOneAndUpdate(
          { _id: String(id), liftedAt: null },
          { $set: { liftedAt: String(at) } },
          { returnDocument: 'after' },
        )
        .lean<SanctionDoc>();
      return d ? toSanction(d) : null;
    },

    async acknowledgeSanction(id, userId, at) {
      // Only the warned user acknowledges, and only once; mutes and bans are not acknowledged.
      const d = await sanctions
        .findOneAndUpdate(
          { _id: String(id), userId: String(userId), kind: 'warn', acknowledgedAt: null },
          { $set: { acknowledgedAt: String(at) } },
          { returnDocument: 'after' },
        )
        .lean<SanctionDoc>();
      return d ? toSanction(d) : null;
    },
  };
}
