/**
 * What a reader receives of a thread: the snapshot on joining, further pages, and the sync that
 * closes gaps (DESIGN rule 3). Every comment passes through viewComment, so a removed body never
 * leaves the server for a reader (rule 4).
 */
import type { ArticleChange, ArticleSnapshot, SyncResult, ThreadPage } from '../../shared/events.js';
import type { CommentSort } from '../../shared/ranking.js';
import type { VoteValue } from '../../shared/types.js';
import type { ArticleRecord, ArticleState, CommentRecord } from '../store/store.js';
import { viewComment } from './comments.js';
import type { Deps } from './deps.js';
import { AppError } from '../errors.js';
import { slowModeInForce } from './slow-mode.js';
import type { Actor } from './users.js';

/** Top-level comments in the first page of a snapshot. */
export const SNAPSHOT_PAGE = 30;
/** Replies sent along with a page of top-level comments, at most. */
export const REPLIES_PER_PAGE = 300;
/** A sync further behind than this many changes gets a fresh snapshot instead. */
export const SYNC_MAX_CHANGES = 500;

export async function findArticleBySlug(deps: Deps, slug: string): Promise<ArticleRecord> {
  const article = await deps.store.getArticleBySlug(slug);
  if (!article) throw new AppError('NOT_FOUND', 'No such article.');
  return article;
}

export async function findArticle(deps: Deps, id: string): Promise<ArticleRecord> {
  const article = await deps.store.getArticle(id);
  if (!article) throw new AppError('NOT_FOUND', 'No such article.');
  return article;
}

/**
 * The article's state (no text), or NOT_FOUND: for the requests that need where its change log
 * stands or its posting settings, not its body (join, pages, sync).
 */
export async function findArticleState(deps: Deps, id: string): Promise<ArticleState> {
  const article = await deps.store.getArticleState(id);
  if (!article) throw new AppError('NOT_FOUND', 'No such article.');
  return article;
}

async function votesOf(
  deps: Deps,
  viewer: Actor | null,
  comments: CommentRecord[],
): Promise<Record<string, VoteValue>> {
  if (!viewer || comments.length === 0) return {};
  return Object.fromEntries(
    await deps.store.getVotes(
      comments.map((c) => c.id),
      viewer.id,
    ),
  );
}

/** A page of top-level comments (with their first replies) or of one comment's direct replies. */
export async function readThreadPage(
  deps: Deps,
  viewer: Actor | null,
  query: {
    articleId: string;
    parentId?: string | null | undefined;
    sort?: CommentSort | undefined;
    after?: string | undefined;
    limit?: number | undefined;
    positionId?: string | undefined;
  },
): Promise<ThreadPage & { myVotes: Record<string, VoteValue> }> {
  const parentId = query.parentId ?? null;
  const page = await deps.store.listComments({
    articleId: query.articleId,
    parentId,
    // Replies read as a conversation, oldest first; top-level comments default to best.
    sort: query.sort ?? (parentId ? 'old' : 'best'),
    limit: query.limit ?? SNAPSHOT_PAGE,
    ...(query.after ? { after: query.after } : {}),
    // The position filter applies to top-level comments; replies keep the whole conversation.
    ...(query.positionId && parentId === null ? { positionId: query.positionId } : {}),
  });
  const replies =
    parentId === null
      ? await deps.store.listRepliesOfRoots(
          query.articleId,
          page.items.map((c) => c.id),
          REPLIES_PER_PAGE,
        )
      : [];
  return {
    comments: page.items.map((c) => viewComment(c, viewer)),
    replies: replies.map((c) => viewComment(c, viewer)),
    next: page.next,
    myVotes: await votesOf(deps, viewer, [...page.items, ...replies]),
  };
}

/**
 * The snapshot a reader starts from. The caller subscribes the reader to live changes first; the seq
 * is read before the comments, so any change the comments already show arrives again live with a
 * higher seq and is applied idempotently.
 */
export async function readSnapshot(
  deps: Deps,
  viewer: Actor | null,
  articleId: string,
  sort: CommentSort,
  readers: number,
  positionId?: string,
): Promise<ArticleSnapshot> {
  const article = await findArticleState(deps, articleId);
  const page = await readThreadPage(deps, viewer, { articleId, sort, ...(positionId ? { positionId } : {}) });
  return snapshotOf(article, sort, readers, page);
}

/**
 * A snapshot from the article as read after joining its room (its seq first) and the first page,
 * read after the article (snapshot-cache.ts serves the page from its cache).
 */
export function snapshotOf(
  article: ArticleState,
  sort: CommentSort,
  readers: number,
  page: ThreadPage & { myVotes: Record<string, VoteValue> },
): ArticleSnapshot {
  const slowMode = slowModeInForce(article);
  return {
    articleId: article.id,
    seq: article.seq,
    sort,
    ...page,
    readers,
    totalComments: article.commentCount,
    slowModeSeconds: slowMode.seconds,
    slowModeAuto: slowMode.auto,
    commentsOpen: article.commentsOpen,
  };
}

/** Changes after `sinceSeq`, each with the comment's current state as the viewer may see it. */
export async function syncArticle(
  deps: Deps,
  viewer: Actor | null,
  query: { articleId: string; sinceSeq: number; sort: CommentSort; readers: number; positionId?: string },
): Promise<SyncResult> {
  const article = await findArticleState(deps, query.articleId);
  if (query.sinceSeq > article.seq) throw new AppError('VALIDATION_FAILED', 'sinceSeq is ahead of the article.');
  const entries = await deps.store.changesSince(query.articleId, query.sinceSeq, SYNC_MAX_CHANGES + 1);
  if (entries.length > SYNC_MAX_CHANGES) {
    return {
      kind: 'snapshot',
      snapshot: await readSnapshot(deps, viewer, query.articleId, query.sort, query.readers, query.positionId),
    };
  }
  const comments = new Map(
    (await deps.store.getComments([...new Set(entries.map((e) => e.commentId))])).map((c) => [c.id, c]),
  );
  const changes: ArticleChange[] = [];
  for (const entry of entries) {
    const comment = comments.get(entry.commentId);
    if (comment)
      changes.push({
        articleId: entry.articleId,
        seq: entry.seq,
        kind: entry.kind,
        comment: viewComment(comment, viewer),
      });
  }
  return { kind: 'changes', changes, seq: entries.at(-1)?.seq ?? query.sinceSeq };
}
