/**
 * The `votes` collection: one vote per (comment, user), enforced by a unique index. A vote change,
 * the comment's tally and its ranking keys (shared/ranking.ts) move together in one transaction
 * (DESIGN rule 5). Votes take no seq: they are state, not events.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { rankKeys } from '../../../shared/ranking.js';
import type { VoteValue } from '../../../shared/types.js';
import { StoreConflictError, StoreNotFoundError, type Store, type VoteResult } from '../store.js';
import type { CommentDoc, CommentModel } from './comments.js';
import { mapConflict } from './errors.js';

export interface VoteDoc {
  _id: string;
  commentId: string;
  userId: string;
  /** 1 or -1; a retracted vote (0) is no document at all. */
  value: 1 | -1;
}

const voteSchema = new Schema<VoteDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    commentId: { type: String, default: '' },
    userId: { type: String, default: '' },
    value: { type: Number, enum: [1, -1], required: true },
  },
  { collection: 'votes', versionKey: false, strictQuery: true },
);
voteSchema.index({ commentId: 1, userId: 1 }, { unique: true, name: 'votes_commentUser' });

export type VoteModel = Model<VoteDoc>;

export const voteModel = (conn: Connection): VoteModel => conn.model<VoteDoc>('Vote', voteSchema);

const VOTE_CONFLICT = { commentId: 'vote', userId: 'vote', votes_commentUser: 'vote' } as const;
/** Attempts at a vote when the same user's votes race (see castVote). */
const VOTE_ATTEMPTS = 3;

type Tally = Pick<CommentDoc, '_id' | 'upvotes' | 'downvotes'>;

function toVoteValue(value: unknown): VoteValue {
  const v = Number(value);
  if (v !== -1 && v !== 0 && v !== 1) throw new RangeError('vote value must be -1, 0 or 1');
  return v;
}

type VoteOps = Pick<Store, 'castVote' | 'getVotes'>;

export function voteOps(conn: Connection, comments: CommentModel, votes: VoteModel): VoteOps {
  /** One vote change and its tally update, in one transaction. */
  const castOnce = (commentId: string, userId: string, current: VoteValue): Promise<VoteResult> =>
    conn.transaction(async (session) => {
      const comment = await comments
        .findOne({ _id: commentId }, { upvotes: 1, downvotes: 1 }, { session })
        .lean<Tally>();
      if (!comment) throw new StoreNotFoundError('comment');
      const existing = await votes.findOne({ commentId, userId }, null, { session }).lean<VoteDoc>();
      const previous: VoteValue = existing ? toVoteValue(existing.value) : 0;

      if (current === 0) {
        if (existing) await votes.deleteOne({ _id: existing._id }, { session });
      } else if (existing) {
        if (previous !== current) {
          await votes.updateOne({ _id: existing._id }, { $set: { value: current } }, { session });
        }
      } else {
        await votes.create([{ _id: randomUUID(), commentId, userId, value: current }], { session });
      }

      // From 1 to -1: upvotes -1, downvotes +1; unchanged: no write, the tally read above stands
      // (and so do the ranking keys, which were set with it).
      const up = (current === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
      const down = (current === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
      let tally = comment;
      if (up !== 0 || down !== 0) {
        const after = await comments
          .findOneAndUpdate(
            { _id: commentId },
            { $inc: { upvotes: up, downvotes: down } },
            { session, returnDocument: 'after', projection: { upvotes: 1, downvotes: 1 } },
          )
          .lean<Tally>();
        if (!after) throw new StoreNotFoundError('comment');
        tally = after;
        // The ranking keys of the tally just written. The $inc holds the comment's write lock until
        // commit, so no other vote moves the tally in between: a racing vote gets a WriteConflict
        // and withTransaction reruns it, and it then computes its keys from the tally after this one.
        const keys = rankKeys(after.upvotes ?? 0, after.downvotes ?? 0);
        await comments.updateOne({ _id: commentId }, { $set: keys }, { session });
      }
      return {
        previous,
        current,
        tally: { commentId, upvotes: tally.upvotes ?? 0, downvotes: tally.downvotes ?? 0 },
      };
    });

  return {
    async castVote(commentId, userId, value) {
      const cid = String(commentId);
      const uid = String(userId);
      const current = toVoteValue(value);
      // Two racing first votes of one user both see no vote; the loser's insert normally fails as
      // a transient WriteConflict, which withTransaction retries. If it surfaces as a duplicate key
      // instead, a fresh transaction sees the winner's vote and turns the insert into an update.
      for (let attempt = 1; ; attempt++) {
        try {
          return await mapConflict(() => castOnce(cid, uid, current), VOTE_CONFLICT);
        } catch (err) {
          if (!(err instanceof StoreConflictError) || attempt >= VOTE_ATTEMPTS) throw err;
        }
      }
    },

    async getVotes(commentIds, userId) {
      const result = new Map<string, VoteValue>();
      const ids = [...new Set(Array.from(commentIds, String))];
      if (ids.length === 0) return result;
      const docs = await votes
        .find({ commentId: { $in: ids }, userId: String(userId) }, { commentId: 1, value: 1 })
        .lean<Pick<VoteDoc, '_id' | 'commentId' | 'value'>[]>();
      for (const d of docs) result.set(d.commentId, toVoteValue(d.value));
      return result;
    },
  };
}
