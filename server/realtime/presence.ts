/**
 * How many people have an article open: distinct signed-in users plus guest connections. Updates
 * are coalesced per article so a crowd joining sends one message, not many, and spaced out in a
 * large room (SPACING_MS_PER_SOCKET).
 *
 * In one process the count is kept as connections open and leave articles (`entered`, `left`), so a
 * join reads it at once instead of walking a room of thousands. With several (REDIS_URL), each
 * process records the people reading through it in Redis (bus/readers.ts) and counts the union of
 * every process's readers. A process sends counts to its own sockets only, and tells the others,
 * which recount and tell theirs. So every socket hears counts from one process, in the order that
 * process read them, and the last one it hears is current. A heartbeat recounts every few seconds,
 * so readers of a process that died drop out once its entries expire. While Redis is away a process
 * counts its own readers.
 */
import type { ReaderTable } from '../bus/readers.js';
import { createCoalescer } from './coalesce.js';
import type { ParleyServer, ParleySocket } from './types.js';
import { articleRoom, localArticles, localSocketsIn } from './types.js';

const COALESCE_MS = 300;
/**
 * A room of more than 300 sockets hears its count at most every this many ms per socket (10 s for
 * 5,000): every announcement is one frame per socket, so a crowd arriving would otherwise cost
 * frames in proportion to its size squared.
 */
const SPACING_MS_PER_SOCKET = 2;
/** With several processes: how often each one recounts the articles its sockets have open. */
const HEARTBEAT_MS = 5_000;

export interface PresenceCluster {
  table: ReaderTable;
  /** Tells the other processes that the readers of an article changed here. */
  announce(articleId: string): void;
  /** Redis could not be reached for a count. */
  onError(err: unknown): void;
}

/** Why a count is due: a join or leave here, a notice from another process, or the heartbeat. */
type Cause = 'here' | 'elsewhere' | 'beat';

/** The people reading one article through this process: guest connections, and signed-in users. */
interface LocalReaders {
  guests: number;
  /** userId → that user's connections with the article open (a user with two tabs counts once). */
  users: Map<string, number>;
}

export function createPresence(io: ParleyServer, cluster: PresenceCluster | null = null) {
  /** The count each article's local room heard last. */
  const lastSent = new Map<string, { readers: number; at: number }>();
  const localReaders = new Map<string, LocalReaders>();

  /** The people in the article's room here, one key each, as the cluster's reader table records them. */
  function localPeople(articleId: string): Set<string> {
    const people = new Set<string>();
    for (const s of localSocketsIn(io, articleRoom(articleId)))
      people.add(s.data.userId ? `user:${s.data.userId}` : `guest:${s.id}`);
    return people;
  }

  async function count(articleId: string): Promise<number> {
    if (!cluster) {
      const here = localReaders.get(articleId);
      return here ? here.guests + here.users.size : 0;
    }
    const people = localPeople(articleId);
    try {
      return await cluster.table.count(articleId, people);
    } catch (err) {
      cluster.onError(err);
      return people.size;
    }
  }

  const updates = createCoalescer<Cause>(COALESCE_MS, async (articleId, causes) => {
    // A large room hears counts at most every SPACING_MS_PER_SOCKET per socket: come back later.
    const room = io.sockets.adapter.rooms.get(articleRoom(articleId));
    const last = lastSent.get(articleId);
    if (room && last && Date.now() - last.at < room.size * SPACING_MS_PER_SOCKET) {
      for (const cause of causes) updates.mark(articleId, cause);
      return;
    }
    const readers = await count(articleId);
    if (cluster && causes.has('here')) cluster.announce(articleId);
    if (!io.sockets.adapter.rooms.has(articleRoom(articleId))) {
      lastSent.delete(articleId);
      return;
    }
    // A heartbeat that finds nothing new says nothing.
    if (causes.size === 1 && causes.has('beat') && lastSent.get(articleId)?.readers === readers) return;
    lastSent.set(articleId, { readers, at: Date.now() });
    io.local.to(articleRoom(articleId)).emit('presence:update', { articleId, readers });
  });

  const heartbeat = cluster
    ? setInterval(() => {
        for (const articleId of localArticles(io)) updates.mark(articleId, 'beat');
      }, HEARTBEAT_MS)
    : null;
  heartbeat?.unref();

  function entered(articleId: string, socket: ParleySocket): void {
    let here = localReaders.get(articleId);
    if (!here) localReaders.set(articleId, (here = { guests: 0, users: new Map() }));
    const { userId } = socket.data;
    if (userId) here.users.set(userId, (here.users.get(userId) ?? 0) + 1);
    else here.guests += 1;
    updates.mark(articleId, 'here');
  }

  function left(articleId: string, socket: ParleySocket): void {
    const here = localReaders.get(articleId);
    if (!here) return;
    const { userId } = socket.data;
    if (userId) {
      const connections = (here.users.get(userId) ?? 0) - 1;
      if (connections > 0) here.users.set(userId, connections);
      else here.users.delete(userId);
    } else {
      here.guests = Math.max(0, here.guests - 1);
    }
    if (here.guests === 0 && here.users.size === 0) localReaders.delete(articleId);
    updates.mark(articleId, 'here');
  }

  /** One listener for every socket (`this` is the socket), not a closure per connection. */
  function leftAll(this: ParleySocket): void {
    for (const articleId of this.data.articles) left(articleId, this);
  }

  return {
    count,
    /**
     * A connection opened the article (it is in the article's room, and the article in its
     * `data.articles`): it counts from now, and the count is announced soon. Call once per article
     * per connection; `left` and the disconnect undo it.
     */
    entered,
    /** A connection closed the article: it no longer counts; the count is announced soon. */
    left,
    /**
     * Follows a new connection: a recovered one is back in its rooms, so its articles count again,
     * and when it goes, they no longer do.
     */
    watch(socket: ParleySocket): void {
      if (socket.recovered) for (const articleId of socket.data.articles) entered(articleId, socket);
      socket.on('disconnect', leftAll);
    },
    /** Another process's readers of the article changed: recount, if anyone here has it open. */
    changedElsewhere(articleId: string): void {
      if (io.sockets.adapter.rooms.has(articleRoom(articleId))) updates.mark(articleId, 'elsewhere');
    },
    /** Recounts every article open here and tells the others (after Redis came back). */
    refreshAll(): void {
      for (const articleId of localArticles(io)) updates.mark(articleId, 'here');
    },
    /** Stops counting; with several processes, takes this process's readers out of the counts. */
    async close(): Promise<void> {
      updates.close();
      if (heartbeat) clearInterval(heartbeat);
      if (!cluster) return;
      const articleIds = new Set([...localArticles(io), ...lastSent.keys()]);
      try {
        await cluster.table.clear(articleIds);
        for (const articleId of articleIds) cluster.announce(articleId);
      } catch (err) {
        cluster.onError(err);
      }
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
