/**
 * Common ground in MongoDB (ground-store.ts), as the SQLite adapter keeps it (server/store/sqlite/
 * ground.ts): collections `ground_statements` and `ground_votes` (one per statement and user: a
 * unique index). Stances are read from `debate_votes` (debate-models.ts).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  GROUND_SCOPE_KINDS,
  GROUND_VOTES,
  type GroundScope,
  type GroundStatementStatus,
  type GroundVote,
} from '../../../shared/common-ground.js';
import {
  decodeGroundVoteCursor,
  groundVotePage,
  groundVotePageSize,
  type GroundStatementRecord,
  type GroundStore,
  type GroundVoteRecord,
} from '../ground-store.js';
import { StoreNotFoundError } from '../store.js';
import { debateModels } from './debate-models.js';
import type { MongoDoc } from './doc.js';

const STATUSES: readonly GroundStatementStatus[] = ['proposed', 'approved', 'rejected'];
/** Attempts at a vote upsert when two first votes of one user race on the unique index. */
const UPSERT_ATTEMPTS = 3;

interface GroundStatementDoc extends Omit<MongoDoc<GroundStatementRecord>, 'scope'> {
  scopeKind: GroundScope['kind'];
  scopeId: string;
}

interface GroundVoteDoc {
  _id: string;
  statementId: string;
  userId: string;
  vote: GroundVote;
  updatedAt: string;
}

const nullableString = { type: String, default: null };
const options = { versionKey: false, strictQuery: true, minimize: false } as const;

const statementSchema = new Schema<GroundStatementDoc>(
  {
    _id: { type: String, required: true },
    scopeKind: { type: String, enum: GROUND_SCOPE_KINDS, required: true },
    scopeId: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: STATUSES, required: true },
    commentId: nullableString,
    proposedBy: nullableString,
    decidedBy: nullableString,
    decidedAt: nullableString,
    createdAt: { type: String, required: true },
  },
  { ...options, collection: 'ground_statements' },
);
// A scope's statements by status, oldest first (listGroundStatements, countWaitingProposals).
statementSchema.index(
  { scopeKind: 1, scopeId: 1, status: 1, createdAt: 1, _id: 1 },
  { name: 'ground_statements_scope' },
);
// A scope's statement ids in id order: the order its votes are paged in.
statementSchema.index({ scopeKind: 1, scopeId: 1, _id: 1 }, { name: 'ground_statements_scope_id' });

const voteSchema = new Schema<GroundVoteDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    statementId: { type: String, required: true },
    userId: { type: String, required: true },
    vote: { type: String, enum: GROUND_VOTES, required: true },
    updatedAt: { type: String, required: true },
  },
  { ...options, collection: 'ground_votes' },
);
// One vote per statement and user; also the (statement, user) order votes are paged in.
voteSchema.index({ statementId: 1, userId: 1 }, { unique: true, name: 'ground_votes_once' });

const toStatement = (d: GroundStatementDoc): GroundStatementRecord => ({
  id: d._id,
  scope: { kind: d.scopeKind, id: d.scopeId },
  text: d.text,
  status: d.status,
  commentId: d.commentId ?? null,
  proposedBy: d.proposedBy ?? null,
  decidedBy: d.decidedBy ?? null,
  decidedAt: d.decidedAt ?? null,
  createdAt: d.createdAt,
});

const toVote = (d: Pick<GroundVoteDoc, 'statementId' | 'userId' | 'vote'>): GroundVoteRecord => ({
  statementId: d.statementId,
  userId: d.userId,
  vote: d.vote,
});

const known = <T extends string>(allowed: readonly T[], value: unknown): T | null =>
  allowed.find((a) => a === String(value)) ?? null;

function oneOf<T extends string>(allowed: readonly T[], value: unknown, what: string): T {
  const found = known(allowed, value);
  if (!found) throw new RangeError(`unknown ${what}: ${String(value)}`);
  return found;
}

/**
 * A scope as a filter (String() keeps query operators out of caller-given values); null for a kind
 * no scope has, which holds nothing, as in SQLite.
 */
function scopeFilter(scope: GroundScope): { scopeKind: GroundScope['kind']; scopeId: string } | null {
  const scopeKind = known(GROUND_SCOPE_KINDS, scope.kind);
  return scopeKind ? { scopeKind, scopeId: String(scope.id) } : null;
}

const isDuplicateKey = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
};

const VOTE_FIELDS = { _id: 0, statementId: 1, userId: 1, vote: 1 } as const;

/** Registers the models on `conn`, waits for their collections and indexes, and returns the methods. */
export async function groundOps(conn: Connection): Promise<GroundStore> {
  const statements: Model<GroundStatementDoc> = conn.model<GroundStatementDoc>('GroundStatement', statementSchema);
  const votes: Model<GroundVoteDoc> = conn.model<GroundVoteDoc>('GroundVote', voteSchema);
  // The debate models are registered by debates.ts with the same schemas: this returns those.
  const [debate] = await Promise.all([debateModels(conn), statements.init(), votes.init()]);

  /** The scope's statement ids after `after` (all for ''), in id order. */
  const statementIds = async (scope: GroundScope, after = ''): Promise<string[]> => {
    const inScope = scopeFilter(scope);
    if (!inScope) return [];
    const docs = await statements
      .find({ ...inScope, _id: { $gt: String(after) } }, { _id: 1 })
      .sort({ _id: 1 })
      .lean<Array<Pick<GroundStatementDoc, '_id'>>>();
    return docs.map((d) => d._id);
  };

  return {
    async addGroundStatement(s) {
      const doc: GroundStatementDoc = {
        _id: randomUUID(),
        scopeKind: oneOf(GROUND_SCOPE_KINDS, s.scope.kind, 'scope kind'),
        scopeId: String(s.scope.id),
        text: String(s.text),
        status: oneOf(STATUSES, s.status, 'statement status'),
        commentId: s.commentId === null ? null : String(s.commentId),
        proposedBy: s.proposedBy === null ? null : String(s.proposedBy),
        decidedBy: s.decidedBy === null ? null : String(s.decidedBy),
        decidedAt: s.decidedAt === null ? null : String(s.decidedAt),
        createdAt: String(s.createdAt),
      };
      await statements.create(doc);
      return toStatement(doc);
    },

    async getGroundStatement(id) {
      const d = await statements.findOne({ _id: String(id) }).lean<GroundStatementDoc>();
      return d ? toStatement(d) : null;
    },

    async listGroundStatements(scope, statuses) {
      const inScope = scopeFilter(scope);
      const wanted = statuses.map((status) => known(STATUSES, status)).filter((status) => status !== null);
      if (!inScope || wanted.length === 0) return [];
      const docs = await statements
        .find({ ...inScope, status: { $in: wanted } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<GroundStatementDoc[]>();
      return docs.map(toStatement);
    },

    async countWaitingProposals(scope, userId) {
      const inScope = scopeFilter(scope);
      if (!inScope) return 0;
      return statements.countDocuments({ ...inScope, status: 'proposed', proposedBy: String(userId) });
    },

    async decideGroundStatement(id, decision) {
      // The status filter makes it atomic: of two decisions at once, the second matches nothing.
      const d = await statements
        .findOneAndUpdate(
          {
            _id: String(id),
            status: oneOf(['proposed', 'approved'] as const, decision.from ?? 'proposed', 'current status'),
          },
          {
            $set: {
              status: oneOf(['approved', 'rejected'] as const, decision.status, 'decision'),
              decidedBy: String(decision.decidedBy),
              decidedAt: String(decision.decidedAt),
            },
          },
          { returnDocument: 'after' },
        )
        .lean<GroundStatementDoc>();
      return d ? toStatement(d) : null;
    },

    async castGroundVote(v) {
      // What SQLite's foreign key refuses (statements are never deleted, so the check cannot go stale).
      if (!(await statements.exists({ _id: String(v.statementId) }))) throw new StoreNotFoundError('statement');
      const key = { statementId: String(v.statementId), userId: String(v.userId) };
      const change = { vote: oneOf(GROUND_VOTES, v.vote, 'vote'), updatedAt: String(v.at) };
      for (let attempt = 1; ; attempt++) {
        try {
          // A second vote replaces the first, as SQLite's ON CONFLICT DO UPDATE.
          await votes.updateOne(key, { $set: change, $setOnInsert: { _id: randomUUID() } }, { upsert: true });
          return;
        } catch (err) {
          // Two first votes may both try to insert; if the duplicate key surfaces, update the one that won.
          if (!isDuplicateKey(err) || attempt >= UPSERT_ATTEMPTS) throw err;
        }
      }
    },

    async listMyGroundVotes(scope, userId) {
      const ids = await statementIds(scope);
      if (ids.length === 0) return [];
      const docs = await votes
        .find({ statementId: { $in: ids }, userId: String(userId) }, VOTE_FIELDS)
        .sort({ statementId: 1 })
        .lean<GroundVoteDoc[]>();
      return docs.map(toVote);
    },

    async pageGroundVotes(scope, after, limit) {
      const size = groundVotePageSize(limit);
      const want = size + 1; // One more than the page tells whether another page follows.
      const cursor = decodeGroundVoteCursor(after);
      // Two ranges of the unique index, as in SQLite: the rest of the cursor's statement, then the
      // scope's later statements (merged by the server in index order, no in-memory sort).
      const inScope = scopeFilter(scope);
      let docs: GroundVoteDoc[] = [];
      if (cursor && inScope && (await statements.exists({ ...inScope, _id: String(cursor.statementId) }))) {
        docs = await votes
          .find({ statementId: String(cursor.statementId), userId: { $gt: String(cursor.userId) } }, VOTE_FIELDS)
          .sort({ userId: 1 })
          .limit(want)
          .lean<GroundVoteDoc[]>();
      }
      if (docs.length < want) {
        const ids = await statementIds(scope, cursor?.statementId ?? '');
        if (ids.length > 0)
          docs = docs.concat(
            await votes
              .find({ statementId: { $in: ids } }, VOTE_FIELDS)
              .sort({ statementId: 1, userId: 1 })
              .limit(want - docs.length)
              .lean<GroundVoteDoc[]>(),
          );
      }
      return groundVotePage(docs, size, toVote);
    },

    async listDebateStances(debateId) {
      // Per user, the post-vote ranked before the pre-vote, and the first one kept.
      const rows = await debate.votes.aggregate<{ _id: string; positionId: string }>([
        { $match: { debateId: String(debateId) } },
        { $addFields: { rank: { $cond: [{ $eq: ['$round', 'post'] }, 0, 1] } } },
        { $sort: { userId: 1, rank: 1 } },
        { $group: { _id: '$userId', positionId: { $first: '$positionId' } } },
        { $sort: { _id: 1 } },
      ]);
      return rows.map((r) => ({ userId: String(r._id), positionId: String(r.positionId) }));
    },
  };
}
