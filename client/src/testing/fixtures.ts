/** Small builders of protocol data for client tests: comments, changes, snapshots, sanctions. */
import type { ArticleChange, ArticleSnapshot, DebateSummary } from '../../../shared/events.js';
import type { ChangeKind, Comment, Sanction } from '../../../shared/types.js';

export const ARTICLE_ID = 'art-1';
export const SLUG = 'the-article';

/** A visible top-level comment whose id and seq come from `seq` (`c<seq>`). */
export function comment(seq: number, extra: Partial<Comment> = {}): Comment {
  return {
    id: `c${seq}`,
    articleId: ARTICLE_ID,
    parentId: null,
    rootId: `c${seq}`,
    depth: 0,
    authorId: 'someone',
    authorName: 'Someone',
    body: `body ${seq}`,
    status: 'visible',
    seq,
    createdAt: '2025-01-01T00:00:00.000Z',
    editedAt: null,
    upvotes: 0,
    downvotes: 0,
    replyCount: 0,
    featured: false,
    positionId: null,
    ...extra,
  };
}

/** A reply to `parentId`, created at `seq`. */
export function reply(seq: number, parentId: string, extra: Partial<Comment> = {}): Comment {
  return comment(seq, { parentId, rootId: parentId, depth: 1, ...extra });
}

/** The change that created `comment(seq, extra)`. */
export function created(seq: number, extra: Partial<Comment> = {}): ArticleChange {
  return change(seq, 'comment.created', comment(seq, extra));
}

export function change(seq: number, kind: ChangeKind, c: Comment): ArticleChange {
  return { articleId: c.articleId, seq, kind, comment: c };
}

export function snapshot(seq: number, comments: Comment[] = [], extra: Partial<ArticleSnapshot> = {}): ArticleSnapshot {
  return {
    articleId: ARTICLE_ID,
    seq,
    sort: 'best',
    comments,
    replies: [],
    next: null,
    myVotes: {},
    readers: 1,
    totalComments: comments.length,
    slowModeSeconds: 0,
    commentsOpen: true,
    ...extra,
  };
}

export function sanction(id: string, extra: Partial<Sanction> = {}): Sanction {
  return {
    id,
    userId: 'u1',
    kind: 'warn',
    reason: 'Be kind',
    until: null,
    actorId: 'mod',
    createdAt: '2025-01-01T00:00:00.000Z',
    acknowledgedAt: null,
    liftedAt: null,
    ...extra,
  };
}

export function debateSummary(id: string, motion = `Motion ${id}`): DebateSummary {
  return {
    id,
    motion,
    status: 'scheduled',
    positions: [{ id: 'p1', name: 'For' }],
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    resultsRevealed: false,
    winner: null,
  };
}
