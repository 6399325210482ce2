/**
 * The first page of a thread a reader opens with (`article:join`), read once and served to every
 * reader who joins while nothing on it can have moved: a crowd arriving at one article costs one
 * page read, not one per reader.
 *
 * What moves a page: every change of a comment (create, edit, delete, moderation) takes the
 * article's next seq in the same write, so a page read at seq S is current while the article is
 * still at S; votes take no seq, so a vote on the article (`voteChanged` on the bus) drops its
 * pages. The caller reads the article after joining its room and before asking for the page, as
 * for an uncached snapshot (DESIGN rule 3).
 *
 * Who sees what (DESIGN rule 4): a page is kept as a guest sees it, so it holds no body or author
 * of a held or removed comment. A signed-in reader gets the same page with their own votes, and,
 * if it shows placeholders, those they wrote as their author sees them (read from the store).
 * Moderators and admins, who see every body, always read their page from the store.
 *
 * One process only: with several (REDIS_URL) a vote cast through another process arrives over
 * Redis, and not at all while Redis is away, so a kept page could show a stale tally; the realtime
 * layer does not use the cache then.
 */
import { LRUCache } from 'lru-cache';
import type { ThreadPage } from '../../shared/events.js';
import type { CommentSort } from '../../shared/ranking.js';
import { isStaff, type Comment, type VoteValue } from '../../shared/types.js';
import type { ArticleState } from '../store/store.js';
import { viewComment } from './comments.js';
import type { Deps } from './deps.js';
import { readThreadPage } from './thread.js';
import type { Actor } from './users.js';

/** Pages kept at most: a few sorts of the busiest articles. */
export const MAX_CACHED_PAGES = 200;
/** Characters of comment bodies kept at most, over every page (one page holds up to 330 comments). */
const MAX_CACHED_BODY_CHARS = 8_000_000;

type FirstPage = ThreadPage & { myVotes: Record<string, VoteValue> };

interface CachedPage {
  articleId: string;
  /** The article's seq when the page was read: the page is current while the article is there. */
  seq: number;
  /** The page as a guest sees it, shared by every reader it is served to (frozen). */
  comments: readonly Comment[];
  replies: readonly Comment[];
  next: string | null;
  /** Ids of the held and removed comments on the page: their author may see more of them. */
  placeholders: string[];
  bodyChars: number;
}

export interface SnapshotCache {
  /** The first page of `article`'s thread for `viewer`; `article` was read after joining its room. */
  firstPage(viewer: Actor | null, article: ArticleState, sort: CommentSort, positionId?: string): Promise<FirstPage>;
  /** Pages kept now (tests, metrics). */
  size(): number;
  /** Stops listening to votes and forgets every page. */
  close(): void;
}

const keyOf = (articleId: string, sort: CommentSort, positionId: string | undefined) =>
  `${articleId} ${sort} ${positionId ?? ''}`;

const bodyCharsOf = (comments: readonly Comment[]) => comments.reduce((n, c) => n + c.body.length, 0);

export function createSnapshotCache(deps: Deps): SnapshotCache {
  const pages = new LRUCache<string, CachedPage>({
    max: MAX_CACHED_PAGES,
    maxSize: MAX_CACHED_BODY_CHARS,
    sizeCalculation: (page) => page.bodyChars + 1,
  });
  /**
   * Counts votes, on any article: a page read while one came in may hold the tally from before it,
   * so it is served but not kept.
   */
  let votes = 0;

  const stopVotes = deps.bus.subscribe('voteChanged', ({ articleId }) => {
    votes += 1;
    const stale = [...pages.entries()].filter(([, page]) => page.articleId === articleId).map(([key]) => key);
    for (const key of stale) pages.delete(key);
  });

  async function guestPage(article: ArticleState, sort: CommentSort, positionId?: string): Promise<CachedPage> {
    const key = keyOf(article.id, sort, positionId);
    const kept = pages.get(key);
    if (kept && kept.seq === article.seq) return kept;
    const votesBefore = votes;
    const read = await readThreadPage(deps, null, {
      articleId: article.id,
      sort,
      ...(positionId ? { positionId } : {}),
    });
    const all = [...read.comments, ...read.replies];
    const page: CachedPage = {
      articleId: article.id,
      seq: article.seq,
      comments: Object.freeze(read.comments.map((c) => Object.freeze(c))),
      replies: Object.freeze(read.replies.map((c) => Object.freeze(c))),
      next: read.next,
      placeholders: all.filter((c) => c.status === 'held' || c.status === 'removed').map((c) => c.id),
      bodyChars: bodyCharsOf(all),
    };
    if (votes === votesBefore) pages.set(key, page);
    else pages.delete(key);
    return page;
  }

  /** The guest page as a signed-in reader sees it: their own placeholders filled in, their votes. */
  async function readerPage(viewer: Actor, page: CachedPage): Promise<FirstPage> {
    const ids = [...page.comments, ...page.replies].map((c) => c.id);
    const [votes, hidden] = await Promise.all([
      ids.length > 0 ? deps.store.getVotes(ids, viewer.id) : new Map<string, VoteValue>(),
      page.placeholders.length > 0 ? deps.store.getComments(page.placeholders) : [],
    ]);
    const own = new Map(hidden.filter((c) => c.authorId === viewer.id).map((c) => [c.id, viewComment(c, viewer)]));
    const asViewer = (comments: readonly Comment[]) =>
      own.size === 0 ? (comments as Comment[]) : comments.map((c) => own.get(c.id) ?? c);
    return {
      comments: asViewer(page.comments),
      replies: asViewer(page.replies),
      next: page.next,
      myVotes: Object.fromEntries(votes),
    };
  }

  return {
    async firstPage(viewer, article, sort, positionId) {
      // Moderators and admins see every body: theirs is not the guests' page.
      if (viewer && isStaff(viewer.role))
        return readThreadPage(deps, viewer, { articleId: article.id, sort, ...(positionId ? { positionId } : {}) });
      const page = await guestPage(article, sort, positionId);
      if (viewer) return readerPage(viewer, page);
      return { comments: page.comments as Comment[], replies: page.replies as Comment[], next: page.next, myVotes: {} };
    },
    size: () => pages.size,
    close() {
      stopVotes();
      pages.clear();
    },
  };
}
