/** Reading events: join and leave an article, page through its thread, and sync after a gap. */
import { joinRequest, leaveRequest, pageRequest, syncRequest } from '../../shared/schemas.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import { findArticle, findArticleBySlug, readSnapshot, readThreadPage, syncArticle } from '../domain/thread.js';
import { currentActor } from './auth.js';
import type { createHandle } from './handle.js';
import type { Presence } from './presence.js';
import { articleRoom, moderatorRoom, type ParleySocket } from './types.js';

/** Articles one connection may have open at once. */
const MAX_OPEN_ARTICLES = 20;

export function registerArticleEvents(
  deps: Deps,
  socket: ParleySocket,
  handle: ReturnType<typeof createHandle>,
  presence: Presence,
) {
  handle('article:join', joinRequest, async ({ slug, sort, positionId }) => {
    const article = await findArticleBySlug(deps, slug);
    if (!socket.data.articles.includes(article.id)) {
      if (socket.data.articles.length >= MAX_OPEN_ARTICLES)
        throw new AppError('RATE_LIMITED', 'Too many articles open on one connection.');
      socket.data.articles.push(article.id);
    }
    // Join the rooms before reading the snapshot, so no change can fall between the two (rule 3).
    const viewer = await currentActor(deps, socket);
    await socket.join(
      viewer && viewer.role !== 'reader'
        ? [articleRoom(article.id), moderatorRoom(article.id)]
        : articleRoom(article.id),
    );
    presence.changed(article.id);
    const readers = await presence.count(article.id);
    return readSnapshot(deps, viewer, article.id, sort ?? 'best', readers, positionId);
  });

  handle('article:leave', leaveRequest, async ({ articleId }) => {
    socket.data.articles = socket.data.articles.filter((id) => id !== articleId);
    await socket.leave(articleRoom(articleId));
    await socket.leave(moderatorRoom(articleId));
    presence.changed(articleId);
    return null;
  });

  handle('thread:page', pageRequest, async (request) => {
    await findArticle(deps, request.articleId);
    return readThreadPage(deps, await currentActor(deps, socket), request);
  });

  handle('article:sync', syncRequest, async ({ articleId, sinceSeq, sort, positionId }) => {
    const readers = await presence.count(articleId);
    return syncArticle(deps, await currentActor(deps, socket), {
      articleId,
      sinceSeq,
      sort: sort ?? 'best',
      readers,
      ...(positionId ? { positionId } : {}),
    });
  });

  // A recovered connection is back in its rooms: the others should count it again.
  if (socket.recovered) for (const articleId of socket.data.articles) presence.changed(articleId);

  socket.on('disconnect', () => {
    for (const articleId of socket.data.articles) presence.changed(articleId);
  });
}
