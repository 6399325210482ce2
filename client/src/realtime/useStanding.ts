import { useCallback, useEffect, useState } from 'react';
import type { Sanction } from '../../../shared/types.js';
import { listen, request } from './requests.js';
import { connectAs } from './socket.js';

export interface Standing {
  /** The signed-in user's sanctions in force: unacknowledged warnings, mutes and bans. */
  active: Sanction[];
  /** Acknowledges a warning; rejects with the server's refusal. */
  acknowledge(sanctionId: string): Promise<void>;
  /** Asks the server again (after a post was refused for a sanction). */
  refresh(): void;
}

/** Still in force at `now`: not lifted, a warning not yet acknowledged, a mute or ban not yet over. */
export function inForce(s: Sanction, now: number): boolean {
  if (s.liftedAt) return false;
  if (s.kind === 'warn') return s.acknowledgedAt === null;
  return s.until === null || Date.parse(s.until) > now;
}

/**
 * The signed-in user's own standing (`selfId`; null or undefined: nobody, so nothing to ask). Asked
 * with `account:standing` on load and after every fresh connection; `account:sanction` brings a new
 * or lifted sanction live, so a warning or mute shows the moment a moderator gives it.
 */
export function useStanding(selfId: string | null | undefined): Standing {
  const [active, setActive] = useState<Sanction[]>([]);
  const [attempt, setAttempt] = useState(0);
  // Another identity (or a refresh) starts from nothing known; reset while rendering, not in the effect.
  const [askedFor, setAskedFor] = useState({ selfId, attempt });
  if (askedFor.selfId !== selfId || askedFor.attempt !== attempt) {
    setAskedFor({ selfId, attempt });
    setActive([]);
  }

  useEffect(() => {
    if (!selfId) return;
    const socket = connectAs(selfId);
    let current = true;
    const ask = () => {
      request(socket, 'account:standing', {}).then(
        (data) => {
          if (current) setActive(data.active);
        },
        // Without an answer the server still refuses at the edge, and the composer says why.
        () => undefined,
      );
    };
    const upsert = (sanction: Sanction) => {
      setActive((list) => {
        const others = list.filter((s) => s.id !== sanction.id);
        return inForce(sanction, Date.now()) ? [...others, sanction] : others;
      });
    };
    const offSanction = listen(socket, 'account:sanction', upsert);
    // Asked on every connect: the first one may happen after this effect, and a reconnect may
    // have missed a notice.
    socket.on('connect', ask);
    if (socket.connected) ask();
    return () => {
      current = false;
      offSanction();
      socket.off('connect', ask);
    };
  }, [selfId, attempt]);

  const acknowledge = useCallback(
    async (sanctionId: string) => {
      if (!selfId) return;
      const sanction = await request(connectAs(selfId), 'account:acknowledge', { sanctionId });
      setActive((list) => list.filter((s) => s.id !== sanction.id));
    },
    [selfId],
  );

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  return { active, acknowledge, refresh };
}
