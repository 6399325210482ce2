/**
 * How many people have an article open: distinct signed-in users plus guest connections in the
 * article's room. Counted through the adapter (fetchSockets), so with the Redis adapter it spans
 * every process. Updates are coalesced per article so a crowd joining sends one message, not many.
 */
import type { ParleyServer } from './types.js';
import { articleRoom } from './types.js';

const COALESCE_MS = 300;

export function createPresence(io: ParleyServer) {
  const pending = new Map<string, NodeJS.Timeout>();

  async function count(articleId: string): Promise<number> {
    const sockets = await io.in(articleRoom(articleId)).fetchSockets();
    const people = new Set<string>();
    for (const s of sockets) people.add(s.data.userId ? `user:${s.data.userId}` : `guest:${s.id}`);
    return people.size;
  }

  /** Announces the article's reader count soon, once for a burst of joins and leaves. */
  function changed(articleId: string): void {
    if (pending.has(articleId)) return;
    pending.set(
      articleId,
      setTimeout(() => {
        pending.delete(articleId);
        count(articleId).then(
          (readers) => io.to(articleRoom(articleId)).emit('presence:update', { articleId, readers }),
          () => undefined,
        );
      }, COALESCE_MS),
    );
  }

  function close(): void {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  }

  return { count, changed, close };
}

export type Presence = ReturnType<typeof createPresence>;
