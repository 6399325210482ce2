/** Restarting the server in the middle of a phase resumes it with the remaining time right to within a second. */
import { afterAll, describe, expect, it } from 'vitest';
import { remainingMs } from '../../shared/debate/machine.js';
import type { DebateView } from '../../shared/debate/model.js';
import { oxfordDebate } from '../helpers/debate.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { waitUntil, within } from '../helpers/wait.js';

/** Cap on a restart, and on reconnecting after it (each takes about a second). */
const RESTART_MS = 15_000;

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

    // Let some of the phase run (by the clock: that is what the test is about), then restart the
    // whole server on the same data.
    const phaseStart = Date.parse(started.serverNow);
    await waitUntil(() => Date.now() - phaseStart >= 2500, '2.5 s of the phase');
    // A restart takes about a second. Capped well inside the test's timeout, one that hangs fails
    // here, naming this step, instead of running into the timeout.
    t = await within(RESTART_MS, 'the restart on the same data', t.restart());

    const again = await within(
      RESTART_MS,
      'the host reconnecting',
      connectSocket(t.url, await signInAs(t.url, 'host')),
    );
    try {
      const asked = Date.now();
      const view = await must<DebateView>(again, 'debate:join', { debateId });
      const answered = Date.now();
      expect(view.state).toMatchObject({
        status: 'live',
        phaseIndex: 0,
        clock: { running: true, endsAt: started.state.clock.endsAt },
      });
      // What the server says is left must be what really was left, by this process's clock, at some
      // moment while the question was out (within a second): bounded on both sides, so a slow
      // answer on a busy machine widens the window instead of failing.
      const left = remainingMs(view.state.clock, Date.parse(view.serverNow));
      expect(left).toBeGreaterThan(phaseMs - (answered - phaseStart) - 1000);
      expect(left).toBeLessThan(phaseMs - (asked - phaseStart) + 1000);
      expect(left).toBeLessThan(phaseMs - 2000);
      // And it goes on from there.
      const next = await must<DebateView>(again, 'debate:command', { debateId, command: 'next' });
      expect(next.state.phaseIndex).toBe(1);
    } finally {
      again.close();
    }
  }, 60_000);
});
