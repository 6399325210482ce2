import { useEffect, useRef, useState } from 'react';
import { useSession } from '../state/session.js';
import { FrontStatsFollower, type FrontStats } from './front-stats.js';
import { connectAs } from './socket.js';

const NONE: FrontStats = new Map();

/**
 * The live numbers of the articles the front page lists (comments, readers now, current debate),
 * following them for as long as the caller is mounted. Empty until the session is known and the
 * server answers; the page shows the list's own numbers meanwhile.
 */
export function useFrontStats(articleIds: readonly string[]): FrontStats {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const [stats, setStats] = useState<FrontStats>(NONE);
  const follower = useRef<FrontStatsFollower | null>(null);

  // One follower per identity (signing in or out reconnects the socket; the follower asks again).
  useEffect(() => {
    if (selfId === undefined) return;
    const made = new FrontStatsFollower(connectAs(selfId));
    follower.current = made;
    const stop = made.subscribe(() => setStats(made.current));
    return () => {
      stop();
      made.close();
      follower.current = null;
    };
  }, [selfId]);

  // Ids as one string, so a new array with the same articles asks for nothing; runs after the
  // follower is made (effects run in order), and again for every article the list adds.
  const key = articleIds.join(' ');
  useEffect(() => {
    if (key) follower.current?.follow(key.split(' '));
  }, [key, selfId]);

  return stats;
}
