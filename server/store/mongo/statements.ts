/**
 * A debate's statement stream in MongoDB, as the SQLite adapter keeps it (server/store/sqlite/
 * statements.ts): collection `debate_statements`, one document per paragraph, `_id` =
 * `<debateId>:<seq>`. The seq is the last one + 1; the `_id` (and the unique index on debateId and
 * seq) refuses a second paragraph with the same seq, so two processes appending at once cannot
 * both take it: the one that loses reads the last seq again and takes the next. No gap arises,
 * since nothing is reserved before the insert that takes it.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { StatementVia } from '../../../shared/debate/statements.js';
import type { StatementRecord, StatementStore } from '../statement-store.js';
import { StoreConflictError } from '../store.js';

const VIAS: readonly StatementVia[] = ['debater', 'floor', 'host'];
/** Appends racing on one debate's next seq: each loss means another paragraph went in first. */
const APPEND_ATTEMPTS = 20;

export interface DebateStatementDoc {
  _id: string;
  debateId: string;
  seq: number;
  phaseIndex: number;
  userId: string;
  name: string;
  positionId: string | null;
  via: StatementVia;
  text: string;
  createdAt: string;
}

const statementSchema = new Schema<DebateStatementDoc>(
  {
    _id: { type: String, required: true },
    debateId: { type: String, required: true },
    seq: { type: Number, required: true },
    phaseIndex: { type: Number, required: true },
    userId: { type: String, required: true },
    name: { type: String, default: '' },
    positionId: { type: String, default: null },
    via: { type: String, enum: VIAS, required: true },
    text: { type: String, default: '' },
    createdAt: { type: String, default: '' },
  },
  { versionKey: false, strictQuery: true, minimize: false, collection: 'debate_statements' },
);
// The seq rule, and the order the transcript (and the last seq) is read in.
statementSchema.index({ debateId: 1, seq: 1 }, { unique: true, name: 'debate_statements_seq' });

const toStatement = (d: DebateStatementDoc): StatementRecord => ({
  debateId: d.debateId,
  seq: d.seq,
  phaseIndex: d.phaseIndex,
  speaker: { userId: d.userId, name: d.name, positionId: d.positionId ?? null },
  via: d.via,
  text: d.text,
  createdAt: d.createdAt,
});

function toVia(value: unknown): StatementVia {
  const via = VIAS.find((v) => v === String(value));
  if (!via) throw new RangeError(`unknown statement via: ${String(value)}`);
  return via;
}

const isDuplicateKey = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
};

/** Registers the model on `conn`, waits for its collection and index, and returns the methods. */
export async function statementOps(conn: Connection): Promise<StatementStore> {
  const statements: Model<DebateStatementDoc> = conn.model<DebateStatementDoc>('DebateStatement', statementSchema);
  await statements.init();

  const lastSeq = async (debateId: string): Promise<number> => {
    const d = await statements
      .findOne({ debateId }, { seq: 1 })
      .sort({ seq: -1 })
      .lean<Pick<DebateStatementDoc, 'seq'>>();
    return d?.seq ?? 0;
  };

  return {
    async appendStatement(s) {
      const debateId = String(s.debateId);
      for (let attempt = 1; ; attempt++) {
        const seq = (await lastSeq(debateId)) + 1;
        const doc: DebateStatementDoc = {
          _id: `${debateId}:${seq}`,
          debateId,
          seq,
          phaseIndex: Number(s.phaseIndex),
          userId: String(s.speaker.userId),
          name: String(s.speaker.name),
          positionId: s.speaker.positionId === null ? null : String(s.speaker.positionId),
          via: toVia(s.via),
          text: String(s.text),
          createdAt: String(s.createdAt),
        };
        try {
          await statements.create(doc);
          return toStatement(doc);
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          if (attempt >= APPEND_ATTEMPTS) throw new StoreConflictError('version');
        }
      }
    },

    async listStatements(debateId, sinceSeq, limit) {
      if (!(limit >= 1)) return [];
      const docs = await statements
        .find({ debateId: String(debateId), seq: { $gt: Number(sinceSeq) } })
        .sort({ seq: 1 })
        .limit(Math.floor(limit))
        .lean<DebateStatementDoc[]>();
      return docs.map(toStatement);
    },

    async lastStatementSeq(debateId) {
      return lastSeq(String(debateId));
    },
  };
}
