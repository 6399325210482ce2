/**
 * The debate clock on a whole server: when a running phase reaches its end, everyone in the debate
 * room gets one `debate:time-up`, and the phase stays where it is until the host moves it.
 * (Ownership across several processes is in server/realtime/debate/timers.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebateView } from '../../shared/debate/model.js';
import type { TimeUpNotice } from '../../shared/events.js';
import { oxfordDebate, participants } from '../helpers/debate.js';
import { must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
const sockets: Array<{ close(): void }> = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

describe('debate:time-up', () => {
  it('reaches the room once when a running phase ends, and the phase does not advance', async () => {
    const { host, debaters, debateId } = await oxfordDebate(t);
    sockets.push(host.socket, ...debaters.map((d) => d.socket));
    const [reader] = await participants(t, 'timeup', 1);
    sockets.push(reader!.socket);
    await must<DebateView>(reader!.socket, 'debate:join', { debateId });
    const heard: TimeUpNotice[] = [];
    const hostHeard: TimeUpNotice[] = [];
    reader!.socket.on('debate:time-up', (n) => heard.push(n));
    host.socket.on('debate:time-up', (n) => hostHeard.push(n));

    const started = await must<DebateView>(host.socket, 'debate:command', { debateId, command: 'start' });
    expect(started.state).toMatchObject({ status: 'live', phaseIndex: 0, clock: { running: true } });

    // Phases last at least 10 s; bring this one's end near, as a saved state with a closer endsAt.
    const { store, bus } = t.parley.deps;
    const session = (await store.getDebateSession(debateId))!;
    const endsAt = new Date(Date.now() + 400).toISOString();
    await store.saveDebateSession(debateId, session.version, {
      state: { ...session.state, clock: { ...session.state.clock, endsAt } },
    });
    await bus.publish('debateChanged', { debateId, part: 'state' });

    await expect.poll(() => heard.length).toBe(1);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(endsAt));
    expect(heard[0]).toEqual({ debateId, phaseIndex: 0, endsAt });
    await expect.poll(() => hostHeard.length).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(heard).toHaveLength(1);
    const after = await must<DebateView>(reader!.socket, 'debate:join', { debateId });
    expect(after.state).toMatchObject({ status: 'live', phaseIndex: 0, clock: { running: true, endsAt } });
  });
});
