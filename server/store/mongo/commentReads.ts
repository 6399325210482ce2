/**
 * Reading comments and the change log: sorted comment pages with keyset cursors, in the same orders
 * as the SQLite adapter (server/store/sqlite/comment-reads.ts).
 */
import type { SortOrder } from 'mongoose';
import type { CommentSort } from '../../../shared/ranking.js';
import { decodeRankCursor, encodeRankCursor } from '../cursor.js';
import type { CommentRecord, Page, Store } from '../store.js';
import {
  type ChangeDoc,
  type ChangeModel,
  type CommentDoc,
  type CommentModel,
  toChange,
  toComment,
} from './comments.js';
import { pageSize } from './cursor.js';

/** The stored field each order sorts on; seq breaks ties in the same direction. */
type SortField = 'seq' | 'score' | 'best' | 'controversy';

const ORDER: Record<CommentSort, { field: SortField; desc: boolean }> = {
  old: { field: 'seq', desc: false },
  new: { field: 'seq', desc: true },
  top: { field: 'score', desc: true },
  best: { field: 'best', desc: true },
  controversial: { field: 'controversy', desc: true },
};

/** The sort key of a comment as its cursor carries it; a missing key (never backfilled) reads as 0. */
const keyOf = (d: CommentDoc, field: SortField): number => Number(d[field] ?? 0);

/**
 * The filter that starts a page strictly after the cursor (key, seq) in the given order: for seq
 * orders seq alone; for ranked ones a smaller key, or the same key and a smaller seq.
 */
function afterCursor(field: SortField, desc: boolean, key: number, seq: number): Record<string, unknown> {
  const cmp = desc ? '$lt' : '$gt';
  if (field === 'seq') return { seq: { [cmp]: seq } };
  return { $or: [{ [field]: { [cmp]: key } }, { [field]: key, seq: { [cmp]: seq } }] };
}

type CommentReadOps = Pick<
  Store,
  'getComment' | 'getComments' | 'listComments' | 'listRepliesOfRoots' | 'changesSince'
>;

export function commentReadOps(comments: CommentModel, changes: ChangeModel): CommentReadOps {
  return {
    async getComment(id) {
      const d = await comments.findOne({ _id: String(id) }).lean<CommentDoc>();
      return d ? toComment(d) : null;
    },

    async getComments(ids) {
      const wanted = [...new Set(Array.from(ids, String))];
      if (wanted.length === 0) return [];
      const docs = await comments.find({ _id: { $in: wanted } }).lean<CommentDoc[]>();
      const byId = new Map(docs.map((d) => [d._id, d]));
      // In the order asked for, skipping ids that do not exist.
      return wanted.flatMap((id) => {
        const d = byId.get(id);
        return d ? [toComment(d)] : [];
      });
    },

    async listComments(query): Promise<Page<CommentRecord>> {
      const size = pageSize(query.limit);
      if (size === 0) return { items: [], next: null };
      // An unknown sort is a caller bug; refuse it rather than guess an order.
      const order = Object.hasOwn(ORDER, query.sort) ? ORDER[query.sort] : undefined;
      if (!order) throw new RangeError(`unknown comment sort: ${String(query.sort)}`);
      const { field, desc } = order;
      const dir: SortOrder = desc ? -1 : 1;
      // A malformed cursor starts from the beginning (Store.listComments).
      const cursor = decodeRankCursor(query.after);
      const filter: Record<string, unknown> = {
        articleId: String(query.articleId),
        parentId: query.parentId == null ? null : String(query.parentId),
        // Only the comments arguing for one debate position, when asked (as SQLite: given = filtered).
        ...(query.positionId !== undefined ? { positionId: String(query.positionId) } : {}),
        ...(cursor ? afterCursor(field, desc, cursor.key, cursor.seq) : {}),
      };
      const sort: Record<string, SortOrder> = field === 'seq' ? { seq: dir } : { [field]: dir, seq: dir };
      const docs = await comments
        .find(filter)
        .sort(sort)
        .limit(size + 1)
        .lean<CommentDoc[]>();
      const page = docs.slice(0, size);
      const last = page[page.length - 1];
      return {
        items: page.map(toComment),
        next: docs.length > size && last ? encodeRankCursor(keyOf(last, field), last.seq) : null,
      };
    },

    async listRepliesOfRoots(articleId, rootIds, limit): Promise<CommentRecord[]> {
      const roots = [...new Set(Array.from(rootIds, String))];
      const size = pageSize(limit);
      if (roots.length === 0 || size === 0) return [];
      const docs = await comments
        .find({ articleId: String(articleId), depth: { $gt: 0 }, rootId: { $in: roots } })
        .sort({ seq: 1 })
        .limit(size)
        .lean<CommentDoc[]>();
      return docs.map(toComment);
    },

    async changesSince(articleId, sinceSeq, limit) {
      const size = pageSize(limit);
      if (size === 0) return [];
      const docs = await changes
        .find({ articleId: String(articleId), seq: { $gt: Number(sinceSeq) } })
        .sort({ seq: 1 })
        .limit(size)
        .lean<ChangeDoc[]>();
      return docs.map(toChange);
    },
  };
}
