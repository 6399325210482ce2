/**
 * A raised hand given the floor speaks for a time-boxed turn (`floor.until`, shared/debate/
 * statements.ts). When the turn ends the server takes the floor back by itself, so the panel stops
 * naming a speaker who may no longer post and the host need not watch the clock.
 *
 * Unlike the phase clock (timers.ts) this needs no lease: every process arms a timer for every turn
 * it hears of, and the take-back is a compare-and-set that only acts while that very turn still
 * holds the floor (domain/debate/session.ts endFloorTurn). Of several processes firing at once one
 * saves, the others find the turn gone or lose the version race, and do nothing. A process arms
 * turns from the bus (a debate's state changed anywhere) and from a slow sweep of live sessions,
 * which covers its own start and a bus that was away.
 */
import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import type { Store } from '../../store/store.js';

export interface FloorTurn {
  userId: string;
  until: string;
}

export interface FloorTurnTimers {
  /** One sweep of the live sessions now (runs by itself every `sweepMs`). */
  sweep(): Promise<void>;
  /** The debates with a turn armed here. */
  armed(): string[];
  stop(): Promise<void>;
}

const SWEEP_MS = 10_000;
/** setTimeout takes at most 2^31 - 1 ms. */
const MAX_DELAY_MS = 2_147_483_647;

const turnOf = (session: DebateSessionRecord): FloorTurn | null => {
  const floor = session.state.floor;
  return session.state.status === 'live' && floor?.until ? { userId: floor.userId, until: floor.until } : null;
};

export function startFloorTurnTimers(input: {
  store: Pick<Store, 'getDebateSession' | 'listLiveDebateSessions'>;
  bus: Bus;
  log: Pick<Logger, 'warn'>;
  now: () => Date;
  /** Takes the floor back if `turn` still holds it and has ended; a no-op otherwise. */
  endTurn: (debateId: string, turn: FloorTurn) => Promise<unknown>;
  sweepMs?: number;
}): FloorTurnTimers {
  const timers = new Map<string, { key: string; timer: NodeJS.Timeout }>();
  let stopped = false;
  const pending = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>, what: string, debateId: string) => {
    const settled = work
      .catch((err: unknown) => input.log.warn({ err, debateId, what }, 'floor turn step failed'))
      .finally(() => pending.delete(settled));
    pending.add(settled);
  };

  const disarm = (debateId: string) => {
    const entry = timers.get(debateId);
    if (entry) clearTimeout(entry.timer);
    timers.delete(debateId);
  };

  const arm = (debateId: string, turn: FloorTurn | null) => {
    if (!turn) return disarm(debateId);
    const key = `${turn.userId}|${turn.until}`;
    if (timers.get(debateId)?.key === key) return;
    disarm(debateId);
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, Date.parse(turn.until) - input.now().getTime()));
    const timer = setTimeout(() => {
      timers.delete(debateId);
      if (!stopped) track(fire(debateId, turn), 'end', debateId);
    }, delay);
    timer.unref?.();
    timers.set(debateId, { key, timer });
  };

  const fire = async (debateId: string, turn: FloorTurn) => {
    // Armed for the longest timeout setTimeout allows, or the clock ran slow: arm again.
    if (input.now().getTime() < Date.parse(turn.until)) return arm(debateId, turn);
    await input.endTurn(debateId, turn);
  };

  const refresh = async (debateId: string) => {
    const session = await input.store.getDebateSession(debateId);
    if (!stopped) arm(debateId, session ? turnOf(session) : null);
  };

  const sweep = async () => {
    const live = await input.store.listLiveDebateSessions();
    if (stopped) return;
    const seen = new Set<string>();
    for (const session of live) {
      seen.add(session.debateId);
      arm(session.debateId, turnOf(session));
    }
    for (const id of [...timers.keys()]) if (!seen.has(id)) disarm(id);
  };

  let sweepTimer: NodeJS.Timeout | null = null;
  const loop = () => {
    const run = sweep();
    track(run, 'sweep', '*');
    void run
      .catch(() => undefined)
      .then(() => {
        if (!stopped) (sweepTimer = setTimeout(loop, input.sweepMs ?? SWEEP_MS)).unref?.();
      });
  };
  loop();

  const unsubscribe = input.bus.subscribe('debateChanged', ({ debateId, part }) => {
    if (part === 'state' && !stopped) track(refresh(debateId), 'refresh', debateId);
  });

  return {
    sweep,
    armed: () => [...timers.keys()],
    async stop() {
      stopped = true;
      unsubscribe();
      if (sweepTimer) clearTimeout(sweepTimer);
      for (const id of [...timers.keys()]) disarm(id);
      await Promise.all(pending);
    },
  };
}
