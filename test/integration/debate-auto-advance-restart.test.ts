/**
 * Auto-advance across a crash: the process is killed (SIGKILL) in the middle of an auto-advancing
 * phase and started again on the same data; the phase still moves on at its original end time
 * (dated so, whenever the new process got there), and only once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { DebateView } from '../../shared/debate/model.js';
import { startChildParley, type ChildParley } from '../helpers/child.js';
import { plannedDebate } from '../helpers/debate-plan.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { signInAs } from '../helpers/server.js';
import { nextEvent, waitUntil, within } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-auto-restart-'));
const env = { TOKEN_SECRET: 'r'.repeat(40), DEMO: 'true', DEMO_DEBATE: 'false' };
const processes: ChildParley[] = [];
const sockets: ParleyClientSocket[] = [];

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(processes.map((p) => p.kill()));
  rmSync(dir, { recursive: true, force: true });
});

describe('auto-advance after a restart mid-phase', () => {
  it('moves on at the original end time, once', async () => {
    const first = await within(60_000, 'the first process', startChildParley(dir, env));
    processes.push(first);
    // Long enough for the kill and a restart (a few seconds on a busy machine) to fall inside it.
    const { debateId, host } = await plannedDebate(first.url, [
      { kind: 'opening', title: 'Crashes midway', positionId: '0', durationSeconds: 12, autoAdvance: true },
      { kind: 'free', title: 'After', positionId: null, durationSeconds: 600 },
    ]);
    sockets.push(host);
    const started = await must<DebateView>(host, 'debate:command', { debateId, command: 'start' });
    const endsAt = started.state.clock.endsAt!;
    await waitUntil(() => Date.now() - Date.parse(started.serverNow) > 1000, 'a second of the phase');
    host.close();
    await first.kill();
    expect(Date.now()).toBeLessThan(Date.parse(endsAt));

    const second = await within(60_000, 'the restarted process', startChildParley(dir, env));
    processes.push(second);
    const watcher = await connectSocket(second.url, await signInAs(second.url, 'host'));
    sockets.push(watcher);
    const seen: Array<number | null> = [];
    watcher.on('debate:state', (u) => seen.push(u.state.phaseIndex));
    const joined = await must<DebateView>(watcher, 'debate:join', { debateId });
    let moved = joined.state;
    if (joined.state.phaseIndex === 0) {
      expect(joined.state.clock).toMatchObject({ running: true, endsAt });
      moved = (
        await nextEvent<{ state: DebateView['state'] }>(
          watcher,
          'debate:state',
          (u) => u.state.phaseIndex === 1,
          30_000,
        )
      ).state;
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    }
    expect(moved.phaseIndex).toBe(1);
    expect(moved.log).toHaveLength(2);
    expect(moved.log[0]).toMatchObject({ phaseIndex: 0, endedAt: endsAt, auto: true });
    expect(moved.clock.endsAt).toBe(new Date(Date.parse(endsAt) + 600_000).toISOString());

    // Two sweeps later (2 s each) still phase 1, moved once.
    const after = Date.now();
    await waitUntil(() => Date.now() - after > 4500, 'two sweeps after the move');
    const view = await must<DebateView>(watcher, 'debate:join', { debateId });
    expect(view.state.phaseIndex).toBe(1);
    expect(view.state.log).toHaveLength(2);
    expect(seen.filter((i) => i === 1).length).toBeLessThanOrEqual(1);
  }, 150_000);
});
