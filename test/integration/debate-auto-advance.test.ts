/**
 * Auto-advance on a whole server: a phase planned to auto-advance moves on at its `endsAt` on the
 * server's clock, once, dated at that end time; a phase that does not, stays (over time) for the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebateView } from '../../shared/debate/model.js';
import type { TimeUpNotice } from '../../shared/events.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { plannedDebate } from '../helpers/debate-plan.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent, waitUntil } from '../helpers/wait.js';

let t: TestServer;
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

describe('auto-advance', () => {
  it('moves an auto-advancing phase on at its end time, exactly once, and leaves the next one to the host', async () => {
    const { debateId, host } = await plannedDebate(t.url, [
      { kind: 'opening', title: 'Short opening', positionId: '0', durationSeconds: 3, autoAdvance: true },
      { kind: 'free', title: 'Held by the host', positionId: null, durationSeconds: 2 },
    ]);
    sockets.push(host);
    const reader = await connectSocket(t.url, null);
    sockets.push(reader);
    await must(reader, 'debate:join', { debateId });
    const states: Array<{ phaseIndex: number | null; at: number }> = [];
    const notices: TimeUpNotice[] = [];
    reader.on('debate:state', (u) => states.push({ phaseIndex: u.state.phaseIndex, at: Date.now() }));
    reader.on('debate:time-up', (n) => notices.push(n));

    const started = await must<DebateView>(host, 'debate:command', { debateId, command: 'start' });
    const endsAt = started.state.clock.endsAt!;
    const moved = await nextEvent<{ state: DebateView['state'] }>(
      reader,
      'debate:state',
      (u) => u.state.phaseIndex === 1,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    // Dated at the end time: the log says when the phase was planned to end, and the next phase's
    // clock starts from there.
    expect(moved.state.log[0]).toMatchObject({ phaseIndex: 0, endedAt: endsAt, auto: true, skipped: false });
    expect(moved.state.clock.endsAt).toBe(new Date(Date.parse(endsAt) + 2000).toISOString());

    // The second phase does not auto-advance: at its end the room hears time-up and it stays.
    const notice = await nextEvent<TimeUpNotice>(reader, 'debate:time-up', (n) => n.phaseIndex === 1);
    expect(notice.endsAt).toBe(moved.state.clock.endsAt);
    // Past a sweep (2 s), nothing more moved and the auto phase gave no time-up notice.
    const after = Date.now();
    await waitUntil(() => Date.now() - after > 2500, 'a sweep after the end');
    const view = await must<DebateView>(reader, 'debate:join', { debateId });
    expect(view.state).toMatchObject({ status: 'live', phaseIndex: 1 });
    expect(view.state.log).toHaveLength(2);
    expect(states.filter((s) => s.phaseIndex === 1)).toHaveLength(1);
    expect(notices.map((n) => n.phaseIndex)).toEqual([1]);
  });

  it('does not move a phase the host extended before its end', async () => {
    const { debateId, host } = await plannedDebate(t.url, [
      { kind: 'free', title: 'Extended', positionId: null, durationSeconds: 3, autoAdvance: true },
      { kind: 'free', title: 'Later', positionId: null, durationSeconds: 60 },
    ]);
    sockets.push(host);
    const started = await must<DebateView>(host, 'debate:command', { debateId, command: 'start' });
    const extended = await must<DebateView>(host, 'debate:command', { debateId, command: 'extend', seconds: 5 });
    const firstEnd = Date.parse(started.state.clock.endsAt!);
    const newEnd = extended.state.clock.endsAt!;
    await waitUntil(() => Date.now() > firstEnd + 1000, 'the first end time to pass');
    expect((await must<DebateView>(host, 'debate:join', { debateId })).state.phaseIndex).toBe(0);
    const moved = await nextEvent<{ state: DebateView['state'] }>(
      host,
      'debate:state',
      (u) => u.state.phaseIndex === 1,
    );
    expect(moved.state.log[0]).toMatchObject({ endedAt: newEnd, auto: true, extendedBySeconds: 5 });
  });
});
