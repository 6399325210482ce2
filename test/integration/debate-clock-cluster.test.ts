/**
 * Debate clocks in a real cluster: three Parley processes on one Redis (REDIS_URL) and one SQLite
 * file. The process that owns a phase's clock (read off the lease: its owner id names the pid) is
 * killed (SIGKILL) before the phase ends; another process takes the clock over from the stored
 * endsAt and the readers on every surviving process get exactly one `debate:time-up`.
 */
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import type { DebateView } from '../../shared/debate/model.js';
import type { TimeUpNotice } from '../../shared/events.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api, signInAs } from '../helpers/server.js';

const cluster = useProcessCluster('clock', { processes: 3 });
const { processes } = cluster;

describe.skipIf(redisTool.skip)('debate clocks across processes', () => {
  it('a surviving process takes over the clock of a killed one and the room hears time-up once', async () => {
    const [first, second, third] = processes as [ChildParley, ChildParley, ChildParley];
    // A debate made through the first process, hosted by the demo host.
    const hostToken = await signInAs(first.url, 'host');
    const hostId = (await api(first.url, '/api/me', { token: hostToken })).body.user.id as string;
    const [a, b] = await Promise.all([newUser(first.url, 'clockdebA'), newUser(first.url, 'clockdebB')]);
    const article = (await api(first.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const created = await api(first.url, '/api/debates', {
      token: await signInAs(first.url, 'moderator'),
      body: {
        articleId: article.id,
        hostId,
        motion: 'Clocks belong to one process.',
        positions: [
          { name: 'For', debaterIds: [a!.userId] },
          { name: 'Against', debaterIds: [b!.userId] },
        ],
      },
    });
    expect(created.status).toBe(201);
    const debateId = created.body.debate.id as string;

    // The host sets up a 10-second phase through the first process.
    const host = await connectSocket(first.url, hostToken, { reconnection: false });
    cluster.track(host);
    await must(host, 'debate:setup', {
      debateId,
      template: 'free-form',
      plan: [{ kind: 'free', title: 'Short', positionId: null, durationSeconds: 10 }],
    });

    // Readers on the two processes that will survive.
    const heard: Array<TimeUpNotice & { on: string }> = [];
    for (const [name, p] of [
      ['first', first],
      ['second', second],
      ['third', third],
    ] as const) {
      const reader = await connectSocket(p.url, null);
      cluster.track(reader);
      reader.on('debate:time-up', (n) => heard.push({ ...n, on: name }));
      await must<DebateView>(reader, 'debate:join', { debateId });
    }

    // It starts it there: that process usually owns the clock, but another one's sweep may win.
    const started = await must<DebateView>(host, 'debate:command', { debateId, command: 'start' });
    const endsAt = started.state.clock.endsAt!;
    const probe = createClient({ url: cluster.redis.url });
    await probe.connect();
    const leaseKey = `parley:lease:debate-clock:${debateId}`;
    try {
      await expect.poll(() => probe.get(leaseKey)).toBeTruthy();
      const firstOwner = await probe.get(leaseKey);
      const ownerPid = Number(firstOwner!.split('/')[1]);
      const names = ['first', 'second', 'third'] as const;
      const index = processes.findIndex((p) => p.child.pid === ownerPid);
      expect(index).toBeGreaterThanOrEqual(0);
      const killed = names[index]!;
      const survivors = names.filter((n) => n !== killed);
      // The owner dies well before the end: no renewal, no release.
      await processes[index]!.kill();

      // Another process takes the clock within the lease's 6 s plus a 2 s sweep, before the end.
      await expect
        .poll(
          async () => {
            const owner = await probe.get(leaseKey);
            return owner !== null && owner !== firstOwner;
          },
          { timeout: 12_000 },
        )
        .toBe(true);
      const fromSurvivors = () => heard.filter((n) => n.on !== killed);
      await expect.poll(() => fromSurvivors().length, { timeout: 15_000 }).toBe(2);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
      // One notice, reaching the readers of both surviving processes through the adapter.
      expect(
        fromSurvivors()
          .map((n) => n.on)
          .sort(),
      ).toEqual([...survivors].sort());
      for (const n of heard) expect(n).toMatchObject({ debateId, phaseIndex: 0, endsAt });
      // A repeat would come at a later sweep (every 2 s); the once-only marker below is the real fence.
      await new Promise((r) => setTimeout(r, 3000));
      expect(fromSurvivors()).toHaveLength(2);
      expect(await probe.exists(`parley:lease:debate-time-up:${debateId}:0:${endsAt}`)).toBe(1);
    } finally {
      await probe.close();
    }
  }, 60_000);
});
