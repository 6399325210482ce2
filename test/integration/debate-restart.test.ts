/** Restarting the server in the middle of a phase resumes it with the remaining time right to within a second. */
import { afterAll, describe, expect, it } from 'vitest';
import { remainingMs } from '../../shared/debate/machine.js';
import type { DebateView } from '../../shared/debate/model.js';
import { oxfordDebate } from '../helpers/debate.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { signInAs, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
afterAll(() => t?.destroy());

describe('a restart in the middle of a phase', () => {
  it('resumes the phase with the remaining time right to within a second', async () => {
    t = await startTestServer();
    const { host, debaters, debateId } = await oxfordDebate(t);
    await must(host.socket, 'debate:command', { debateId, command: 'open-pre-vote' });
    const started = await must<DebateView>(host.socket, 'debate:command', { debateId, command: 'start' });
    const phaseMs = started.plan[0]!.durationSeconds * 1000;
    host.socket.close();
    for (const d of debaters) d.socket.close();

    // Let some of the phase run, then restart the whole server on the same data.
    await new Promise((r) => setTimeout(r, 2500));
    const stoppedAt = Date.now();
    t = await t.restart();

    const again = await connectSocket(t.url, await signInAs(t.url, 'host'));
    try {
      const view = await must<DebateView>(again, 'debate:join', { debateId });
      // Time that really passed since the phase started, by this process's clock at the answer.
      const elapsed = Date.now() - Date.parse(started.serverNow);
      expect(view.state).toMatchObject({
        status: 'live',
        phaseIndex: 0,
        clock: { running: true, endsAt: started.state.clock.endsAt },
      });
      const left = remainingMs(view.state.clock, Date.parse(view.serverNow));
      const expected = phaseMs - elapsed;
      expect(Math.abs(left - expected)).toBeLessThan(1000);
      expect(left).toBeLessThan(phaseMs - 2000);
      expect(Date.now() - stoppedAt).toBeLessThan(30_000);
      // And it goes on from there.
      const next = await must<DebateView>(again, 'debate:command', { debateId, command: 'next' });
      expect(next.state.phaseIndex).toBe(1);
    } finally {
      again.close();
    }
  }, 30_000);
});
