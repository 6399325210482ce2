/**
 * Debate clocks on the server: when a running phase reaches its `endsAt`, either the phase moves on
 * by itself (the plan marks it `autoAdvance`: `advance` is called, dated at `endsAt`), or the
 * debate's room gets one `debate:time-up` notice and the host decides (next, extend, ...) while
 * every panel shows the overtime.
 *
 * Several processes may serve one debate, so exactly one of them owns each running clock: it holds
 * the lease `debate-clock:<debateId>` (server/bus/lease.ts; in Redis when REDIS_URL is set, else in
 * memory, where the only process owns everything). Every process sweeps the store every
 * `sweepMs` for sessions whose clock runs: it renews the leases it holds, takes the free ones, and
 * arms a timer from the stored `endsAt` of each session it owns. A process that dies stops
 * renewing; its leases expire after `leaseTtlMs` and the next sweep of another process takes them
 * and re-arms the timers from the stored `endsAt` (a notice due in between is sent late, with the
 * `endsAt` it was for, unless it is more than `maxLateMs` late).
 *
 * What keeps the notice single:
 * - a timer that fires re-reads the session: if the phase moved, was extended or paused, it re-arms
 *   or stops instead (so a change made through another process is never missed, bus or no bus);
 * - it renews its lease before sending, and sends only while it holds it;
 * - it claims the marker `debate-time-up:<debateId>:<phaseIndex>:<endsAt>` once (`claimOnce`), so a
 *   new owner after a takeover does not repeat a notice the old owner sent.
 * A process that stops cleanly releases its leases, so another takes over at its next sweep.
 */
import type { Logger } from 'pino';
import { isPhaseLive, type ClockCommand } from '../../../shared/debate/machine.js';
import type { DebateState } from '../../../shared/debate/model.js';
import type { TimeUpNotice } from '../../../shared/events.js';
import type { Bus } from '../../bus/bus.js';
import type { Leases } from '../../bus/lease.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import type { Store } from '../../store/store.js';
import { debateRoom, type ParleyServer } from '../types.js';

export type { TimeUpNotice };

export interface DebateTimerTiming {
  /** How long a clock's lease lasts without renewal: a dead owner's clocks move after at most this. */
  leaseTtlMs: number;
  /** How often each process renews its leases, takes free ones and re-reads the running clocks. */
  sweepMs: number;
  /** A notice more than this late (a takeover after a long outage, a restart) is not sent. */
  maxLateMs: number;
  /** How long the "already sent" marker of a notice is kept. */
  markerTtlMs: number;
}

export const DEFAULT_TIMING: DebateTimerTiming = {
  leaseTtlMs: 6_000,
  sweepMs: 2_000,
  maxLateMs: 60_000,
  markerTtlMs: 24 * 60 * 60_000,
};

/** setTimeout takes at most 2^31 - 1 ms; a longer phase is re-armed when this runs out. */
const MAX_DELAY_MS = 2_147_483_647;

export const clockLeaseName = (debateId: string) => `debate-clock:${debateId}`;
export const timeUpMarkerName = (n: TimeUpNotice) => `debate-time-up:${n.debateId}:${n.phaseIndex}:${n.endsAt}`;

export interface DebateTimerDeps {
  store: Pick<Store, 'getDebateSession' | 'listLiveDebateSessions'>;
  log: Pick<Logger, 'warn' | 'info' | 'debug'>;
  now: () => Date;
}

export interface DebateTimers {
  /** Re-reads one debate now (its state changed): arms, moves or drops its timer. */
  refresh(debateId: string): Promise<void>;
  /** One sweep now: renew, take over, re-arm (runs by itself every `sweepMs`). */
  sweep(): Promise<void>;
  /** The debates whose clocks this process owns. */
  owned(): string[];
  /**
   * Stops every timer. By default the leases are released so another process takes over at its
   * next sweep; `{ release: false }` leaves them to expire, as a crash would.
   */
  stop(options?: { release?: boolean }): Promise<void>;
}

/** The running clock of a session, if its phase is live and the clock runs. */
function runningClock(state: DebateState): { phaseIndex: number; endsAt: string } | null {
  if (!isPhaseLive(state) || !state.clock.running || !state.clock.endsAt) return null;
  return { phaseIndex: state.phaseIndex, endsAt: state.clock.endsAt };
}

interface Owned {
  /** The phase end the timer is armed (or has fired) for: `${phaseIndex}|${endsAt}`. */
  armed: string | null;
  timer: NodeJS.Timeout | null;
}

export function startDebateTimers(input: {
  deps: DebateTimerDeps;
  leases: Leases;
  /** Sends the notice to the debate's room (every process's sockets, through the adapter). */
  emit: (notice: TimeUpNotice) => void;
  /**
   * Moves a phase planned to auto-advance on at its end (server/domain/debate/session.ts
   * advanceAtEnd: a compare-and-set that does nothing if the phase already moved). Without it, such
   * phases only get the notice.
   */
  advance?: (debateId: string, command: ClockCommand) => Promise<unknown>;
  /** When given, a debate's state change re-reads it at once instead of at the next sweep. */
  bus?: Bus;
  timing?: Partial<DebateTimerTiming>;
}): DebateTimers {
  const { deps, leases, emit } = input;
  const timing = { ...DEFAULT_TIMING, ...input.timing };
  const owned = new Map<string, Owned>();
  let stopped = false;

  // One operation at a time: sweeps, refreshes and firings never interleave their awaits.
  let queue: Promise<void> = Promise.resolve();
  const serial = (what: string, job: () => Promise<void>): Promise<void> => {
    const run = queue.then(() => (stopped ? undefined : job()));
    queue = run.catch((err: unknown) => deps.log.warn({ err, what }, 'debate timer step failed; retried next sweep'));
    return queue;
  };

  const disarm = (debateId: string) => {
    const entry = owned.get(debateId);
    if (entry?.timer) clearTimeout(entry.timer);
    owned.delete(debateId);
  };

  /** Drops a debate this process no longer owns (or whose clock stopped), releasing the lease if asked. */
  const drop = async (debateId: string, release: boolean) => {
    disarm(debateId);
    if (release) await leases.release(clockLeaseName(debateId));
  };

  const arm = (debateId: string, clock: { phaseIndex: number; endsAt: string }) => {
    const key = `${clock.phaseIndex}|${clock.endsAt}`;
    let entry = owned.get(debateId);
    if (!entry) owned.set(debateId, (entry = { armed: null, timer: null }));
    if (entry.armed === key) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.armed = key;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, Date.parse(clock.endsAt) - deps.now().getTime()));
    entry.timer = setTimeout(() => void serial('fire', () => fire(debateId, key)), delay);
    entry.timer.unref?.();
  };

  /** Takes (or keeps) the clock of a session whose phase runs, and arms it; lets go of it otherwise. */
  const claim = async (session: DebateSessionRecord) => {
    const clock = runningClock(session.state);
    if (!clock) return drop(session.debateId, owned.has(session.debateId));
    if (!(await leases.acquire(clockLeaseName(session.debateId), timing.leaseTtlMs)))
      return drop(session.debateId, false);
    arm(session.debateId, clock);
  };

  const fire = async (debateId: string, key: string) => {
    const entry = owned.get(debateId);
    if (!entry || entry.armed !== key) return;
    entry.timer = null;
    const session = await deps.store.getDebateSession(debateId);
    const clock = session ? runningClock(session.state) : null;
    if (!session || !clock) return drop(debateId, true);
    const now = deps.now().getTime();
    const endsAt = Date.parse(clock.endsAt);
    if (`${clock.phaseIndex}|${clock.endsAt}` !== key || now < endsAt) {
      // Extended, moved on, or armed for the longest timeout setTimeout allows: arm again.
      entry.armed = null;
      return arm(debateId, clock);
    }
    const late = now - endsAt > timing.maxLateMs;
    if (input.advance && session.plan[clock.phaseIndex]?.autoAdvance) {
      // Moving on is never too late (the phase is over either way), but long after its end the
      // move is dated now, so the next phase gets its full time rather than none.
      if (!(await leases.renew(clockLeaseName(debateId), timing.leaseTtlMs))) return drop(debateId, false);
      const at = late ? new Date(now).toISOString() : clock.endsAt;
      await input.advance(debateId, { type: 'time-up', ...clock, at });
      return refresh(debateId);
    }
    if (late) {
      deps.log.info({ debateId, ...clock }, 'debate time-up not sent: too late');
      return;
    }
    if (!(await leases.renew(clockLeaseName(debateId), timing.leaseTtlMs))) return drop(debateId, false);
    const notice: TimeUpNotice = { debateId, phaseIndex: clock.phaseIndex, endsAt: clock.endsAt };
    if (!(await leases.claimOnce(timeUpMarkerName(notice), timing.markerTtlMs))) return;
    emit(notice);
  };

  const sweep = async () => {
    const running = (await deps.store.listLiveDebateSessions()).filter((s) => runningClock(s.state));
    const seen = new Set(running.map((s) => s.debateId));
    for (const id of [...owned.keys()]) if (!seen.has(id)) await drop(id, true);
    for (const session of running) await claim(session);
  };

  const refresh = async (debateId: string) => {
    const session = await deps.store.getDebateSession(debateId);
    if (session) await claim(session);
    else await drop(debateId, owned.has(debateId));
  };

  let sweepTimer: NodeJS.Timeout | null = null;
  const loop = () => {
    void serial('sweep', sweep).then(() => {
      if (!stopped) (sweepTimer = setTimeout(loop, timing.sweepMs)).unref?.();
    });
  };
  loop();

  const unsubscribe = input.bus?.subscribe('debateChanged', ({ debateId, part }) => {
    if (part === 'state') void serial('refresh', () => refresh(debateId));
  });

  return {
    refresh: (debateId) => serial('refresh', () => refresh(debateId)),
    sweep: () => serial('sweep', sweep),
    owned: () => [...owned.keys()],
    async stop(options = {}) {
      if (stopped) return;
      stopped = true;
      unsubscribe?.();
      if (sweepTimer) clearTimeout(sweepTimer);
      await queue;
      const ids = [...owned.keys()];
      for (const id of ids) disarm(id);
      if (options.release !== false) {
        await Promise.all(
          ids.map((id) =>
            leases
              .release(clockLeaseName(id))
              .catch((err: unknown) => deps.log.warn({ err, debateId: id }, 'debate clock lease not released')),
          ),
        );
      }
    },
  };
}

/**
 * The wiring parley.ts uses: the notice goes to the debate's room (with a socket.io adapter, the
 * room on every process), and state changes on the bus re-read the debate at once.
 */
export function startDebateClocks(
  io: ParleyServer,
  deps: DebateTimerDeps,
  bus: Bus,
  leases: Leases,
  advance: (debateId: string, command: ClockCommand) => Promise<unknown>,
  timing?: Partial<DebateTimerTiming>,
): DebateTimers {
  return startDebateTimers({
    deps,
    leases,
    bus,
    advance,
    ...(timing ? { timing } : {}),
    emit: (notice) => io.to(debateRoom(notice.debateId)).emit('debate:time-up', notice),
  });
}
