/**
 * A connection's open articles: its list (`socket.data.articles`), its rooms and its place in the
 * reader count (presence.ts) change together, with nothing awaited in between, so a disconnect
 * cannot fall between them and leave the count off.
 */
import { isStaff } from '../../shared/types.js';
import type { Actor } from '../domain/users.js';
import { AppError } from '../errors.js';
import type { Presence } from './presence.js';
import { articleRoom, moderatorRoom, type ParleySocket } from './types.js';

/** Articles one connection may have open at once. */
export const MAX_OPEN_ARTICLES = 20;

/**
 * Puts the connection in the article's room (and, for a moderator or admin, its moderator room).
 * Resolves true when the article was not open on it yet.
 */
export async function openArticle(
  socket: ParleySocket,
  presence: Presence,
  articleId: string,
  viewer: Actor | null,
): Promise<boolean> {
  if (!socket.connected) throw new AppError('BAD_REQUEST', 'The connection closed while joining.');
  const opening = !socket.data.articles.includes(articleId);
  if (opening && socket.data.articles.length >= MAX_OPEN_ARTICLES)
    throw new AppError('RATE_LIMITED', 'Too many articles open on one connection.');
  if (opening) socket.data.articles.push(articleId);
  // Joining again is allowed: it puts back a connection that was held out of its rooms (lagging.ts).
  const joined = socket.join(
    viewer && isStaff(viewer.role) ? [articleRoom(articleId), moderatorRoom(articleId)] : articleRoom(articleId),
  );
  if (opening) presence.entered(articleId, socket);
  await joined;
  return opening;
}

/** Takes the connection out of the article's rooms and count; nothing happens if it was not open. */
export async function closeArticle(socket: ParleySocket, presence: Presence, articleId: string): Promise<void> {
  if (socket.data.articles.includes(articleId)) {
    socket.data.articles = socket.data.articles.filter((id) => id !== articleId);
    // A connection that closed meanwhile was counted out by its disconnect already.
    if (socket.connected) presence.left(articleId, socket);
  }
  await socket.leave(articleRoom(articleId));
  await socket.leave(moderatorRoom(articleId));
}
