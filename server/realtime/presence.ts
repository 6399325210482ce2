/**
 * How many people have an article open: distinct signed-in users plus guest connections. Updates
 * are coalesced per article so a crowd joining sends one message, not many.
 *
 * In one process the count is taken from the article's room. With several (REDIS_URL), each
 * process records the people reading through it in Redis (bus/readers.ts) and counts the union of
 * every process's readers. A process sends counts to its own sockets only, and tells the others,
 * which recount and tell theirs. So every socket hears counts from one process, in the order that
 * process read them, and the last one it hears is current. A heartbeat recounts every few seconds,
 * so readers of a process that died drop out once its entries expire. While Redis is away a process
 * counts its own readers.
 */
import type { ReaderTable } from '../bus/readers.js';
import { createCoalescer } from './coalesce.js';
import type { ParleyServer } from './types.js';
import { articleRoom, localArticles, localSocketsIn } from './types.js';

const COALESCE_MS = 300;
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

export function createPresence(io: ParleyServer, cluster: PresenceCluster | null = null) {
  /** The count each article's local room heard last. */
  const lastSent = new Map<string, number>();

  function localPeople(articleId: string): Set<string> {
    const people = new Set<string>();
    for (const s of localSocketsIn(io, articleRoom(articleId)))
      people.add(s.data.userId ? `user:${s.data.userId}` : `guest:${s.id}`);
    return people;
  }

  async function count(articleId: string): Promise<number> {
    const people = localPeople(articleId);
    if (!cluster) return people.size;
    try {
      return await cluster.table.count(articleId, people);
    } catch (err) {
      cluster.onError(err);
      return people.size;
    }
  }

  const updates = createCoalescer<Cause>(COALESCE_MS, async (articleId, causes) => {
    const readers = await count(articleId);
    if (cluster && causes.has('here')) cluster.announce(articleId);
    if (!io.sockets.adapter.rooms.has(articleRoom(articleId))) {
      lastSent.delete(articleId);
      return;
    }
    // A heartbeat that finds nothing new says nothing.
    if (causes.size === 1 && causes.has('beat') && lastSent.get(articleId) === readers) return;
    lastSent.set(articleId, readers);
    io.local.to(articleRoom(articleId)).emit('presence:update', { articleId, readers });
  });

  const heartbeat = cluster
    ? setInterval(() => {
        for (const articleId of localArticles(io)) updates.mark(articleId, 'beat');
      }, HEARTBEAT_MS)
    : null;
  heartbeat?.unref();

  return {
    count,
    /** Announces the article's reader count soon, once for a burst of joins and leaves here. */
    changed(articleId: string): void {
      updates.mark(articleId, 'here');
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
