/** Reading comments and the change log in SQLite: sorted pages with keyset cursors. */
import type { Database } from 'better-sqlite3';
import type { CommentSort } from '../../../shared/ranking.js';
import { decodeRankCursor, encodeRankCursor } from '../cursor.js';
import type { CommentRecord, Store } from '../store.js';
import { toChange, toComment, type ChangeRow, type CommentRow } from './rows.js';

type CommentReadMethods = Pick<
  Store,
  'getComment' | 'getComments' | 'listComments' | 'listRepliesOfRoots' | 'changesSince'
>;

/** Sort column and direction of each order; seq breaks ties in the same direction. */
const ORDER: Record<CommentSort, { column: string; desc: boolean }> = {
  old: { column: 'seq', desc: false },
  new: { column: 'seq', desc: true },
  top: { column: 'score', desc: true },
  best: { column: 'best', desc: true },
  controversial: { column: 'controversy', desc: true },
};

const keyOf = (c: CommentRow, sort: CommentSort): number => Number(c[ORDER[sort].column as keyof CommentRow]);

export function commentReadMethods(db: Database): CommentReadMethods {
  const commentById = db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const changes = db.prepare<[string, number, number], ChangeRow>(
    'SELECT * FROM changes WHERE article_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );

  // One prepared statement per (sort, top-level or replies, first page or later page).
  const pageStatements = new Map<string, ReturnType<Database['prepare']>>();
  const pageStatement = (sort: CommentSort, topLevel: boolean, withCursor: boolean, byPosition: boolean) => {
    const id = `${sort}/${topLevel}/${withCursor}/${byPosition}`;
    let statement = pageStatements.get(id);
    if (!statement) {
      const { column, desc } = ORDER[sort];
      const cmp = desc ? '<' : '>';
      const dir = desc ? 'DESC' : 'ASC';
      const parent =
        (topLevel ? 'parent_id IS NULL' : 'parent_id = @parentId') +
        (byPosition ? ' AND position_id = @positionId' : '');
      const after = !withCursor
        ? ''
        : column === 'seq'
          ? `AND seq ${cmp} @seq`
          : `AND (${column} ${cmp} @key OR (${column} = @key AND seq ${cmp} @seq))`;
      statement = db.prepare(
        `SELECT * FROM comments WHERE article_id = @articleId AND ${parent} ${after}
         ORDER BY ${column === 'seq' ? '' : `${column} ${dir}, `}seq ${dir} LIMIT @limit`,
      );
      pageStatements.set(id, statement);
    }
    return statement;
  };

  return {
    async getComment(id) {
      const row = commentById.get(id);
      return row ? toComment(row) : null;
    },
    async getComments(ids) {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<string[], CommentRow>(`SELECT * FROM comments WHERE id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids);
      return rows.map(toComment);
    },
    async listComments({ articleId, parentId, sort, after, limit, positionId }) {
      const cursor = decodeRankCursor(after);
      const rows = pageStatement(sort, parentId === null, cursor !== null, positionId !== undefined).all({
        articleId,
        parentId,
        positionId,
        limit: limit + 1,
        ...(cursor ? { key: cursor.key, seq: cursor.seq } : {}),
      }) as CommentRow[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toComment),
        next: rows.length > limit && last ? encodeRankCursor(keyOf(last, sort), last.seq) : null,
      };
    },
    async listRepliesOfRoots(articleId, rootIds, limit): Promise<CommentRecord[]> {
      if (rootIds.length === 0) return [];
      const rows = db
        .prepare<unknown[], CommentRow>(
          `SELECT * FROM comments WHERE article_id = ? AND depth > 0 AND root_id IN (${rootIds.map(() => '?').join(',')})
           ORDER BY seq LIMIT ?`,
        )
        .all(articleId, ...rootIds, limit);
      return rows.map(toComment);
    },
    async changesSince(articleId, sinceSeq, limit) {
      return changes.all(articleId, sinceSeq, limit).map(toChange);
    },
  };
}
