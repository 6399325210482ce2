/**
 * From the bus to the sockets: committed changes go to the article's room as each viewer may see
 * them (DESIGN rule 4), and vote tallies are coalesced per article and read fresh from the store
 * when flushed, so the numbers are exact however the votes interleaved (rule 5).
 */
import type { Bus } from '../bus/bus.js';
import { viewComment } from '../domain/comments.js';
import type { Deps } from '../domain/deps.js';
import type { ParleyServer } from './types.js';
import { articleRoom } from './types.js';

/** Tally updates go out at most this often per article. */
export const TALLY_FLUSH_MS = 250;

export function startBroadcasts(deps: Deps, io: ParleyServer, bus: Bus): () => void {
  const stopChanges = bus.subscribe('articleChange', ({ change, comment }) => {
    io.to(articleRoom(change.articleId)).emit('article:change', {
      articleId: change.articleId,
      seq: change.seq,
      kind: change.kind,
      comment: viewComment(comment, null),
    });
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
    if (!timers.has(articleId)) timers.set(articleId, setTimeout(() => void flush(articleId), TALLY_FLUSH_MS));
  });

  return () => {
    stopChanges();
    stopVotes();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
