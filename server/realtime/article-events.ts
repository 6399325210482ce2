/** Reading requests: join and leave an article, page through its thread, and sync after a gap. */
import type { Deps } from '../domain/deps.js';
import { findArticle, findArticleBySlug, readSnapshot, readThreadPage, syncArticle } from '../domain/thread.js';
import { AppError } from '../errors.js';
import type { Presence } from './presence.js';
import type { RequestHandlers } from './requests.js';
import { articleRoom, moderatorRoom, type ParleySocket } from './types.js';

/** Articles one connection may have open at once. */
const MAX_OPEN_ARTICLES = 20;

export const articleRequests = (deps: Deps, presence: Presence) =>
  ({
    'article:join': async ({ slug, sort, positionId }, { socket, actor }) => {
      const article = await findArticleBySlug(deps, slug);
      if (!socket.data.articles.includes(article.id)) {
        if (socket.data.articles.length >= MAX_OPEN_ARTICLES)
          throw new AppError('RATE_LIMITED', 'Too many articles open on one connection.');
        socket.data.articles.push(article.id);
      }
      // Join the rooms before reading the snapshot, so no change can fall between the two (rule 3).
      const viewer = await actor();
      await socket.join(
        viewer && viewer.role !== 'reader'
          ? [articleRoom(article.id), moderatorRoom(article.id)]
          : articleRoom(article.id),
      );
      presence.changed(article.id);
      const readers = await presence.count(article.id);
      return readSnapshot(deps, viewer, article.id, sort ?? 'best', readers, positionId);
    },

    'article:leave': async ({ articleId }, { socket }) => {
      socket.data.articles = socket.data.articles.filter((id) => id !== articleId);
      await socket.leave(articleRoom(articleId));
      await socket.leave(moderatorRoom(articleId));
      presence.changed(articleId);
      return null;
    },

    'thread:page': async (request, { actor }) => {
      await findArticle(deps, request.articleId);
      return readThreadPage(deps, await actor(), request);
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
  }) satisfies Partial<RequestHandlers>;

/** Presence follows a connection's open articles when it comes back recovered and when it leaves. */
export function trackPresence(socket: ParleySocket, presence: Presence): void {
  // A recovered connection is back in its rooms: the others should count it again.
  if (socket.recovered) for (const articleId of socket.data.articles) presence.changed(articleId);
  socket.on('disconnect', () => {
    for (const articleId of socket.data.articles) presence.changed(articleId);
  });
}
