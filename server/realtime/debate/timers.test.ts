/**
 * Debate clock ownership: several timer owners (as several processes) compete for each running
 * clock through leases (memory, and Redis with a redis-server of the test's own). Exactly one sends
 * the time-up notice; when it stops renewing, another takes over from the stored endsAt and sends
 * it, once.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceAtTimeUp, initialState, nextDebateState, type ClockCommand } from '../../../shared/debate/machine.js';
import type { PhasePlan } from '../../../shared/debate/model.js';
import { redisTool, startRedis, type TestRedis } from '../../../test/helpers/redis-server.js';
import { createMemoryLeases, createRedisLeases, type Leases, type MemoryLeaseTable } from '../../bus/lease.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import { clockLeaseName, startDebateTimers, type DebateTimers, type TimeUpNotice } from './timers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const silent = { warn: () => undefined, info: () => undefined, debug: () => undefined };

const basePlan: PhasePlan[] = [
  { kind: 'opening', title: 'One', positionId: null, durationSeconds: 60 },
  { kind: 'closing', title: 'Two', positionId: null, durationSeconds: 60 },
];
const autoPlan: PhasePlan[] = basePlan.map((p, i) => (i === 0 ? { ...p, autoAdvance: true } : p));

/** The sessions every "process" reads: one store shared by all, as SQLite or MongoDB would be. */
function fakeStore() {
  const sessions = new Map<string, DebateSessionRecord>();
  return {
    sessions,
    async getDebateSession(id: string) {
      return sessions.get(id) ?? null;
    },
    async listLiveDebateSessions() {
      return [...sessions.values()].filter((s) => s.state.status === 'live');
    },
    /** Phases moved on by `advance` (as session.ts advanceAtEnd would: only if the phase still runs to that end). */
    moves: [] as Array<{ debateId: string; by: string; at: string }>,
    advance(by: string, debateId: string, command: ClockCommand) {
      const s = sessions.get(debateId);
      const next = s && advanceAtTimeUp(s.state, s.plan, command);
      if (!s || !next?.ok) return Promise.resolve(null);
      sessions.set(debateId, { ...s, state: next.state, version: s.version + 1 });
      this.moves.push({ debateId, by, at: command.at });
      return Promise.resolve(next.state);
    },
    /** A debate whose first phase started now and ends in `ms` (auto-advancing if asked). */
    start(debateId: string, ms: number, options: { autoAdvance?: boolean } = {}) {
      const plan = options.autoAdvance ? autoPlan : basePlan;
      const now = new Date();
      const started = nextDebateState(initialState(plan), plan, { type: 'start' }, now);
      if (!started.ok) throw new Error(started.reason);
      const state = {
        ...started.state,
        clock: { running: true, endsAt: new Date(now.getTime() + ms).toISOString(), remainingMs: ms },
      };
      sessions.set(debateId, {
        debateId,
        template: 'free-form',
        plan,
        state,
        version: 1,
        updatedAt: now.toISOString(),
      });
      return state.clock.endsAt;
    },
    /** Changes the state as a host command through any process would. */
    patch(debateId: string, change: (s: DebateSessionRecord['state']) => DebateSessionRecord['state']) {
      const s = sessions.get(debateId)!;
      sessions.set(debateId, { ...s, state: change(s.state), version: s.version + 1 });
    },
  };
}

/** Fast timings so takeovers happen within a test: leases last 300 ms, sweeps every 50 ms. */
const FAST = { leaseTtlMs: 300, sweepMs: 50 };

function describeTakeover(name: string, makeLeases: () => Promise<{ a: Leases; b: Leases; c: Leases }>) {
  describe(`debate timers: ${name}`, () => {
    const running: DebateTimers[] = [];
    afterEach(async () => {
      for (const t of running.splice(0)) await t.stop();
    });

    function owner(store: ReturnType<typeof fakeStore>, leases: Leases, sent: Array<TimeUpNotice & { by: string }>) {
      const timers = startDebateTimers({
        deps: { store, log: silent, now: () => new Date() },
        leases,
        timing: FAST,
        emit: (n) => sent.push({ ...n, by: leases.owner }),
        advance: (debateId, command) => store.advance(leases.owner, debateId, command),
      });
      running.push(timers);
      return timers;
    }

    it('with three owners competing, one owns the clock and sends the notice once, at endsAt', async () => {
      const { a, b, c } = await makeLeases();
      const store = fakeStore();
      const endsAt = store.start('d1', 400);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const owners = [owner(store, a, sent), owner(store, b, sent), owner(store, c, sent)];
      await sleep(150);
      expect(owners.flatMap((t) => t.owned())).toEqual(['d1']);
      expect(sent).toEqual([]);
      await expect.poll(() => sent.length).toBe(1);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
      await sleep(300);
      expect(sent).toEqual([{ debateId: 'd1', phaseIndex: 0, endsAt, by: expect.any(String) }]);
    });

    it('when the owner stops renewing, another takes over after the lease expires and sends the notice once', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      const endsAt = store.start('d2', 800);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const first = owner(store, a, sent);
      await first.sweep();
      expect(first.owned()).toEqual(['d2']);
      const second = owner(store, b, sent);
      await second.sweep();
      expect(second.owned()).toEqual([]);
      // The owner dies: no renewal, no release.
      await first.stop({ release: false });
      await sleep(100);
      expect(second.owned()).toEqual([]);
      await expect.poll(() => second.owned()).toEqual(['d2']);
      await expect.poll(() => sent.length).toBe(1);
      await sleep(300);
      expect(sent).toEqual([{ debateId: 'd2', phaseIndex: 0, endsAt, by: b.owner }]);
    });

    it('a new owner does not repeat a notice the old owner sent before it died', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      store.start('d3', 100);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const first = owner(store, a, sent);
      await first.sweep();
      await expect.poll(() => sent.length).toBe(1);
      await first.stop({ release: false });
      const second = owner(store, b, sent);
      await expect.poll(() => second.owned()).toEqual(['d3']);
      await sleep(200);
      expect(sent.map((n) => n.by)).toEqual([a.owner]);
    });

    it('a notice falling due while nobody owned the clock is sent late by the next owner', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      const endsAt = store.start('d4', 150);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const first = owner(store, a, sent);
      await first.sweep();
      await first.stop({ release: false }); // dies before the end: the lease is still 300 ms long
      const second = owner(store, b, sent);
      await expect.poll(() => sent.length).toBe(1);
      expect(sent[0]).toEqual({ debateId: 'd4', phaseIndex: 0, endsAt, by: b.owner });
      expect(second.owned()).toEqual(['d4']);
    });

    it('a clean stop releases the lease, so another owner takes over at its next sweep', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      store.start('d5', 60_000);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const first = owner(store, a, sent);
      await first.sweep();
      const second = owner(store, b, sent);
      await second.sweep();
      expect(second.owned()).toEqual([]);
      await first.stop();
      await second.sweep();
      expect(second.owned()).toEqual(['d5']);
    });

    it('follows an extension and a pause made through another process', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      store.start('d6', 200);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const timers = owner(store, a, sent);
      await timers.sweep();
      // Extended elsewhere: this process is not told (no bus); its timer re-reads the store when it fires.
      const later = new Date(Date.now() + 500).toISOString();
      store.patch('d6', (s) => ({ ...s, clock: { ...s.clock, endsAt: later } }));
      await sleep(350);
      expect(sent).toEqual([]);
      await expect.poll(() => sent.length).toBe(1);
      expect(sent[0]).toMatchObject({ endsAt: later });
      // The next phase starts, then is paused: no notice for it; the clock is let go.
      store.patch('d6', (s) => ({
        ...s,
        phaseIndex: 1,
        clock: { running: false, endsAt: null, remainingMs: 100 },
      }));
      await timers.refresh('d6');
      expect(timers.owned()).toEqual([]);
      await sleep(250);
      expect(sent).toHaveLength(1);
      // Nobody holds the lease of a paused clock: another owner gets it at once.
      expect(await b.acquire(clockLeaseName('d6'), 1_000)).toBe(true);
    });

    it('with three owners, an auto-advancing phase moves on once, at endsAt, with no time-up notice', async () => {
      const { a, b, c } = await makeLeases();
      const store = fakeStore();
      const endsAt = store.start('d8', 300, { autoAdvance: true });
      const sent: Array<TimeUpNotice & { by: string }> = [];
      for (const l of [a, b, c]) owner(store, l, sent);
      await expect.poll(() => store.moves.length).toBe(1);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
      await sleep(400);
      expect(store.moves).toEqual([{ debateId: 'd8', by: expect.any(String), at: endsAt }]);
      expect(store.sessions.get('d8')!.state).toMatchObject({ phaseIndex: 1, log: [{ endedAt: endsAt }, {}] });
      expect(sent).toEqual([]);
    });

    it('an auto-advance falling due while nobody owned the clock is made by the next owner, dated at endsAt', async () => {
      const { a, b } = await makeLeases();
      const store = fakeStore();
      const endsAt = store.start('d9', 150, { autoAdvance: true });
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const first = owner(store, a, sent);
      await first.sweep();
      await first.stop({ release: false }); // dies before the end, holding the lease
      owner(store, b, sent);
      await expect.poll(() => store.moves.length).toBe(1);
      await sleep(200);
      expect(store.moves).toEqual([{ debateId: 'd9', by: b.owner, at: endsAt }]);
    });

    it('does not send a notice that is too late (a restart long after the end)', async () => {
      const { a } = await makeLeases();
      const store = fakeStore();
      store.start('d7', -120_000);
      const sent: Array<TimeUpNotice & { by: string }> = [];
      const timers = owner(store, a, sent);
      await timers.sweep();
      expect(timers.owned()).toEqual(['d7']);
      await sleep(100);
      expect(sent).toEqual([]);
    });
  });
}

describeTakeover('memory leases', async () => {
  const table: MemoryLeaseTable = new Map();
  return { a: createMemoryLeases({ table }), b: createMemoryLeases({ table }), c: createMemoryLeases({ table }) };
});

describe.skipIf(redisTool.skip)('with Redis', () => {
  let redis: TestRedis;
  const clients: Array<ReturnType<typeof createClient>> = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) if (c.isOpen) await c.close();
    await redis?.stop();
  });
  let round = 0;
  // Each owner on its own connection, as separate processes would be.
  describeTakeover('Redis leases', async () => {
    const prefix = `timers:${++round}:`;
    const leases = async () => {
      const client = createClient({ url: redis.url });
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return createRedisLeases(client, { prefix });
    };
    return { a: await leases(), b: await leases(), c: await leases() };
  });
});
