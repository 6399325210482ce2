/**
 * From the bus to the sockets: committed changes go to the article's room as each viewer may see
 * them (DESIGN rule 4), and vote tallies are coalesced per article and read fresh from the store
 * when flushed, so the numbers are exact however the votes interleaved (rule 5).
 */
import type { Bus } from '../bus/bus.js';
import { isHiddenFrom, viewComment, viewForModerator } from '../domain/comments.js';
import type { Deps } from '../domain/deps.js';
import type { ParleyServer } from './types.js';
import { articleRoom, DESK_ROOM, moderatorRoom, userRoom } from './types.js';

/** Tally updates go out at most this often per article. */
export const TALLY_FLUSH_MS = 250;

export function startBroadcasts(deps: Deps, io: ParleyServer, bus: Bus): () => void {
  const stopChanges = bus.subscribe('articleChange', ({ change, comment }) => {
    const base = { articleId: change.articleId, seq: change.seq, kind: change.kind };
    const privileged = [moderatorRoom(change.articleId), userRoom(comment.authorId)];
    // Everyone gets every seq (no gaps), but a hidden body only reaches moderators and the author.
    if (isHiddenFrom(comment, null)) {
      io.to(articleRoom(change.articleId))
        .except(privileged)
        .emit('article:change', { ...base, comment: viewComment(comment, null) });
      // Moderators of the article and the author's own connections (a union of rooms, each socket once).
      io.to(privileged).emit('article:change', {
        ...base,
        comment: viewComment(comment, { id: comment.authorId, name: comment.authorName, role: 'reader' }),
      });
    } else {
      io.to(articleRoom(change.articleId)).emit('article:change', { ...base, comment: viewComment(comment, null) });
    }
  });
  const stopDesk = bus.subscribe('deskUpdate', ({ comment, actorName, action }) => {
    io.to(DESK_ROOM).emit('mod:update', { comment: viewForModerator(comment), actorName, action });
  });
  const stopNotices = bus.subscribe('accountNotice', ({ userId, sanction }) => {
    io.to(userRoom(userId)).emit('account:sanction', sanction);
  });
  // A demoted moderator's open screens stop receiving hidden bodies at once; a promoted one's start.
  const stopRoles = bus.subscribe('roleChanged', ({ userId, role }) => {
    void io
      .in(userRoom(userId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) {
          const moderatorRooms = s.data.articles.map(moderatorRoom);
          if (role === 'reader') s.leave(DESK_ROOM);
          for (const room of moderatorRooms) {
            if (role === 'reader') s.leave(room);
            else s.join(room);
          }
        }
      })
      .catch((err: unknown) => deps.log.warn({ err, userId }, 'could not move sockets after a role change'));
  });
  const stopSettings = bus.subscribe('articleSettings', (settings) => {
    io.to(articleRoom(settings.articleId)).emit('article:settings', settings);
  });

  const dirty = new Map<string, Set<string>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const flush = async (articleId: string) => {
    timers.delete(articleId);
    const ids = dirty.get(articleId);
    dirty.delete(articleId);
    if (!ids || ids.size === 0) return;
    try {
      const comments = await deps.store.getComments([...ids]);
      const tallies = comments.map((c) => ({ commentId: c.id, upvotes: c.upvotes, downvotes: c.downvotes }));
      io.to(articleRoom(articleId)).emit('vote:tallies', { articleId, tallies });
    } catch (err) {
      deps.log.warn({ err, articleId }, 'tally flush failed; snapshots still carry tallies');
    }
  };
  const stopVotes = bus.subscribe('voteChanged', ({ articleId, commentId }) => {
    let ids = dirty.get(articleId);
    if (!ids) dirty.set(articleId, (ids = new Set()));
    ids.add(commentId);
    if (!timers.has(articleId))
      timers.set(
        articleId,
        setTimeout(() => void flush(articleId), TALLY_FLUSH_MS),
      );
  });

  return () => {
    stopChanges();
    stopVotes();
    stopDesk();
    stopNotices();
    stopSettings();
    stopRoles();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
