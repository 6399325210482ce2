/** Reading requests: join and leave an article, page through its thread, and sync after a gap. */
import { LRUCache } from 'lru-cache';
import type { Deps } from '../domain/deps.js';
import type { SnapshotCache } from '../domain/snapshot-cache.js';
import { findArticleBySlug, findArticleState, readThreadPage, snapshotOf, syncArticle } from '../domain/thread.js';
import type { Actor } from '../domain/users.js';
import type { ArticleState } from '../store/store.js';
import { closeArticle, openArticle } from './open-articles.js';
import type { Presence } from './presence.js';
import type { RequestHandlers } from './requests.js';
import type { ParleySocket } from './types.js';

/** Slugs whose article id is remembered between joins. */
const REMEMBERED_SLUGS = 10_000;

/**
 * `snapshots`: first pages kept between joins (one process); null reads every first page from the
 * store.
 */
export const articleRequests = (deps: Deps, presence: Presence, snapshots: SnapshotCache | null = null) => {
  /**
   * The article each slug named at its last join, so a join reads the article once, after joining
   * its room, instead of once by slug before and once more after. That read is of its state alone
   * (no text: a join needs its seq and settings, not kilobytes of body), and it checks the slug: an
   * article renamed since is put right by looking the slug up again.
   */
  const articleIds = new LRUCache<string, string>({ max: REMEMBERED_SLUGS });

  /** Opens the article `slug` names on the connection, and reads it after joining its room (rule 3). */
  async function openBySlug(socket: ParleySocket, viewer: Actor | null, slug: string): Promise<ArticleState> {
    const remembered = articleIds.get(slug);
    if (remembered !== undefined) {
      const opened = await openArticle(socket, presence, remembered, viewer);
      const article = await deps.store.getArticleState(remembered);
      if (article?.slug === slug) return article;
      // The slug names another article now, or none: undo, and look it up.
      articleIds.delete(slug);
      if (opened) await closeArticle(socket, presence, remembered);
    }
    const found = await findArticleBySlug(deps, slug);
    articleIds.set(slug, found.id);
    await openArticle(socket, presence, found.id, viewer);
    return findArticleState(deps, found.id);
  }

  return {
    'article:join': async ({ slug, sort = 'best', positionId }, { socket, actor }) => {
      const viewer = await actor();
      // Join the rooms before reading the snapshot, so no change can fall between the two (rule 3).
      const article = await openBySlug(socket, viewer, slug);
      const readers = await presence.count(article.id);
      const page = snapshots
        ? await snapshots.firstPage(viewer, article, sort, positionId)
        : await readThreadPage(deps, viewer, { articleId: article.id, sort, ...(positionId ? { positionId } : {}) });
      return snapshotOf(article, sort, readers, page);
    },

    'article:leave': async ({ articleId }, { socket }) => {
      await closeArticle(socket, presence, articleId);
      return null;
    },

    'thread:page': async (request, { actor }) => {
      await findArticleState(deps, request.articleId);
      return readThreadPage(deps, await actor(), request);
    },

    // Current tallies of comments the reader holds (after a reconnect on a new session: votes are
    // not in the change log, so sync cannot bring the tallies that moved meanwhile).
    'article:tallies': async ({ articleId, commentIds }) => {
      await findArticleState(deps, articleId);
      const comments = await deps.store.getComments(commentIds);
      return comments
        .filter((c) => c.articleId === articleId)
        .map((c) => ({ commentId: c.id, upvotes: c.upvotes, downvotes: c.downvotes }));
    },

    'article:sync': async ({ articleId, sinceSeq, sort, positionId }, { actor }) => {
      const readers = await presence.count(articleId);
      return syncArticle(deps, await actor(), {
        articleId,
        sinceSeq,
        sort: sort ?? 'best',
        readers,
        ...(positionId ? { positionId } : {}),
      });
    },
  } satisfies Partial<RequestHandlers>;
};

/** Presence follows a connection's open articles when it comes back recovered and when it leaves. */
export function trackPresence(socket: ParleySocket, presence: Presence): void {
  presence.watch(socket);
}
