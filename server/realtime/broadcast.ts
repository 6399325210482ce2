/**
 * From the bus to the sockets: committed changes go to the article's room as each viewer may see
 * them (DESIGN rule 4), and vote tallies are coalesced per article and read fresh from the store
 * when flushed, so the numbers are exact however the votes interleaved (rule 5).
 *
 * With several processes (REDIS_URL; docs/OPERATIONS.md, "Cluster"), the process that published a
 * change broadcasts it, and socket.io's adapter takes it to every process's sockets. Vote tallies
 * and role changes instead arrive in every process (bus/redis-bus.ts CLUSTER_TOPICS), and each
 * process acts for its own sockets only: it reads and sends the tallies its readers need, one
 * flush after another, so the last tally a reader gets is the last one read, wherever the votes
 * were cast.
 */
import { isStaff } from '../../shared/types.js';
import type { Bus } from '../bus/bus.js';
import { viewForModerator } from '../domain/comments.js';
import type { Deps } from '../domain/deps.js';
import { createCoalescer } from './coalesce.js';
import { createChangeDelivery } from './live-changes.js';
import type { ParleyServer } from './types.js';
import { articleRoom, DESK_ROOM, localSocketsIn, moderatorRoom, userRoom } from './types.js';

/** Tally updates go out at most this often per article. */
export const TALLY_FLUSH_MS = 250;
/** Comments whose votes moved, remembered per article for a connection recovered on this process. */
const RECENT_VOTES_PER_ARTICLE = 2000;

export interface Broadcasts {
  /**
   * A connection came back recovered (with several processes, possibly from another one): the
   * tallies that moved within `windowMs` go to its articles again, since tallies are sent by each
   * process to its own sockets and are not in socket.io's replay.
   */
  recovered(articleIds: string[]): void;
  /** Resolves once every committed change so far has been emitted (live-changes.ts). */
  settled(): Promise<void>;
  stop(): void;
}

export function startBroadcasts(
  deps: Deps,
  io: ParleyServer,
  bus: Bus,
  options: { clustered: boolean; recoveryWindowMs: number } = { clustered: false, recoveryWindowMs: 0 },
): Broadcasts {
  const changes = createChangeDelivery(io);
  const stopChanges = bus.subscribe('articleChange', ({ change, comment }) => {
    changes.deliver({ articleId: change.articleId, seq: change.seq, kind: change.kind }, comment);
  });
  const stopDesk = bus.subscribe('deskUpdate', ({ comment, actorName, action, reasons }) => {
    io.to(DESK_ROOM).emit('mod:update', {
      comment: viewForModerator(comment),
      actorName,
      action,
      ...(reasons ? { reasons } : {}),
    });
  });
  // Published by the process that wrote the entry; the adapter takes it to desks on every process.
  const stopAudit = bus.subscribe('auditEntry', ({ entry }) => io.to(DESK_ROOM).emit('mod:audited', entry));
  const stopNotices = bus.subscribe('accountNotice', ({ userId, sanction }) => {
    // Every process hears of it (a cluster topic: /collab connections apply it too) and tells its own sockets.
    io.local.to(userRoom(userId)).emit('account:sanction', sanction);
  });
  // A demoted moderator's open screens stop receiving hidden bodies at once; a promoted one's start.
  const stopRoles = bus.subscribe('roleChanged', ({ userId, role }) => {
    // Every process hears of the change (a cluster topic) and moves its own connections.
    for (const s of localSocketsIn(io, userRoom(userId))) {
      const moderatorRooms = s.data.articles.map(moderatorRoom);
      if (!isStaff(role)) void s.leave(DESK_ROOM);
      for (const room of moderatorRooms) {
        if (!isStaff(role)) void s.leave(room);
        else void s.join(room);
      }
    }
  });
  const stopSettings = bus.subscribe('articleSettings', (settings) => {
    io.to(articleRoom(settings.articleId)).emit('article:settings', settings);
  });

  const tallies = createCoalescer<string>(TALLY_FLUSH_MS, async (articleId, ids) => {
    try {
      const comments = await deps.store.getComments([...ids]);
      const tallies = comments.map((c) => ({ commentId: c.id, upvotes: c.upvotes, downvotes: c.downvotes }));
      // This process's sockets only: every process hears every vote and flushes for its own.
      io.local.to(articleRoom(articleId)).emit('vote:tallies', { articleId, tallies });
    } catch (err) {
      deps.log.warn({ err, articleId }, 'tally flush failed; snapshots still carry tallies');
    }
  });
  /** articleId → commentId → when its votes last moved (Map order: oldest first). */
  const recent = new Map<string, Map<string, number>>();
  let lastSweep = Date.now();
  const prune = (ids: Map<string, number>, oldest: number) => {
    for (const [id, at] of ids) {
      if (at >= oldest && ids.size <= RECENT_VOTES_PER_ARTICLE) break;
      ids.delete(id);
    }
  };
  const remember = (articleId: string, commentId: string) => {
    const now = Date.now();
    let ids = recent.get(articleId);
    if (!ids) recent.set(articleId, (ids = new Map()));
    ids.delete(commentId);
    ids.set(commentId, now);
    prune(ids, now - options.recoveryWindowMs);
    // Now and then, forget articles nobody voted on within the window.
    if (now - lastSweep > options.recoveryWindowMs) {
      lastSweep = now;
      for (const [id, entries] of recent) {
        prune(entries, now - options.recoveryWindowMs);
        if (entries.size === 0) recent.delete(id);
      }
    }
  };
  const stopVotes = bus.subscribe('voteChanged', ({ articleId, commentId }) => {
    tallies.mark(articleId, commentId);
    if (options.clustered) remember(articleId, commentId);
  });

  return {
    recovered(articleIds) {
      if (!options.clustered) return; // one process: socket.io replays the tallies it missed
      const oldest = Date.now() - options.recoveryWindowMs;
      for (const articleId of articleIds)
        for (const [commentId, at] of recent.get(articleId) ?? []) if (at >= oldest) tallies.mark(articleId, commentId);
    },
    settled: () => changes.settled(),
    stop() {
      changes.flushAll();
      changes.stop();
      stopChanges();
      stopVotes();
      stopDesk();
      stopAudit();
      stopNotices();
      stopSettings();
      stopRoles();
      tallies.close();
    },
  };
}
