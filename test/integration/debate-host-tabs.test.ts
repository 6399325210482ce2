/**
 * Results the host sees before revealing them reach every tab of the host, and none of the
 * audience's: the post-vote closes in one tab, the other tab shows the results at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebateResults, DebateState } from '../../shared/debate/model.js';
import { oxfordDebate, participants } from '../helpers/debate.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.destroy();
});

describe('the host’s results before the reveal', () => {
  it('reach the host’s other tab live, and not the audience', async () => {
    const { host, debateId } = await oxfordDebate(t);
    const otherTab = await connectSocket(t.url, host.token);
    await must(otherTab, 'debate:join', { debateId });
    const [reader] = await participants(t, 'hostTabsReader', 1);
    await must(reader!.socket, 'debate:join', { debateId });
    const last = new Map<string, { state: DebateState; results: DebateResults | null }>();
    otherTab.on('debate:state', (u) => last.set('tab', u));
    reader!.socket.on('debate:state', (u) => last.set('reader', u));

    for (const command of ['start', 'open-post-vote', 'show-results'])
      await must(host.socket, 'debate:command', { debateId, command });
    await waitUntil(
      () => last.get('tab')?.state.status === 'results' && last.get('reader')?.state.status === 'results',
      'both to see the results phase',
    );
    expect(last.get('tab')!.results).not.toBeNull();
    expect(last.get('reader')!.results).toBeNull();

    await must(host.socket, 'debate:command', { debateId, command: 'reveal' });
    await waitUntil(() => last.get('reader')?.results != null, 'the audience to see the revealed results');
    for (const s of [otherTab, reader!.socket, host.socket]) s.close();
  }, 60_000);
});
