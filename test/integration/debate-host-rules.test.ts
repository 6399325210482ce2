/** The host's rules on a whole server: Back restores the time left, the pre-vote policy, closing unrevealed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remainingMs } from '../../shared/debate/machine.js';
import type { DebateView } from '../../shared/debate/model.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { plannedDebate } from '../helpers/debate-plan.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { ask, must } from '../helpers/moderation.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';

let t: TestServer;
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

const openings = [
  { kind: 'opening' as const, title: 'Opening: For', positionId: '0', durationSeconds: 300 },
  { kind: 'opening' as const, title: 'Opening: Against', positionId: '1', durationSeconds: 300 },
  { kind: 'rebuttal' as const, title: 'Rebuttal: For', positionId: '0', durationSeconds: 120 },
];

async function reader(name: string) {
  const user = await newUser(t.url, `${name}${process.pid}`);
  const socket = await connectSocket(t.url, user.token);
  sockets.push(socket);
  return socket;
}

describe('Back', () => {
  it('returns to the earlier phase with the time it had left', async () => {
    const { debateId, host } = await plannedDebate(t.url, openings);
    sockets.push(host);
    const started = await must<DebateView>(host, 'debate:command', { debateId, command: 'start' });
    await waitUntil(() => Date.now() - Date.parse(started.serverNow) > 1500, '1.5 s of the first phase');
    const next = await must<DebateView>(host, 'debate:command', { debateId, command: 'next' });
    const left = next.state.log[0]!.remainingMs!;
    expect(left).toBeLessThan(300_000 - 1000);
    expect(left).toBeGreaterThan(200_000);
    const back = await must<DebateView>(host, 'debate:command', { debateId, command: 'back' });
    expect(back.state).toMatchObject({ phaseIndex: 0, clock: { running: true, remainingMs: left } });
    // The clock runs from what was left, not from the full five minutes.
    expect(remainingMs(back.state.clock, Date.parse(back.serverNow))).toBeLessThanOrEqual(left);
    expect(Date.parse(back.state.clock.endsAt!)).toBe(Date.parse(back.state.log.at(-1)!.startedAt) + left);
  });
});

describe('pre-vote policy', () => {
  it('by default, a latecomer cannot pre-vote once the debate starts', async () => {
    const { debateId, host } = await plannedDebate(t.url, openings);
    sockets.push(host);
    await must(host, 'debate:command', { debateId, command: 'open-pre-vote' });
    await must(host, 'debate:command', { debateId, command: 'start' });
    const late = await reader('latecomerA');
    const view = await must<DebateView>(late, 'debate:join', { debateId });
    expect(view.state.preVoteCloses).toBe('start');
    const refused = await ask(late, 'debate:vote', { debateId, positionId: view.positions[0]!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('after-openings: a latecomer pre-votes during the openings, not after', async () => {
    const { debateId, host } = await plannedDebate(t.url, openings, { preVoteCloses: 'after-openings' });
    sockets.push(host);
    await must(host, 'debate:command', { debateId, command: 'open-pre-vote' });
    await must(host, 'debate:command', { debateId, command: 'start' });
    const late = await reader('latecomerB');
    const view = await must<DebateView>(late, 'debate:join', { debateId });
    const [forId, againstId] = view.positions.map((p) => p.id);
    expect(await must(late, 'debate:vote', { debateId, positionId: forId })).toEqual({
      round: 'pre',
      positionId: forId,
    });
    await must(host, 'debate:command', { debateId, command: 'next' });
    expect(await must(late, 'debate:vote', { debateId, positionId: againstId })).toEqual({
      round: 'pre',
      positionId: againstId,
    });
    await must(host, 'debate:command', { debateId, command: 'next' }); // the rebuttal: closed
    const refused = await ask(late, 'debate:vote', { debateId, positionId: forId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const mine = await must<DebateView>(late, 'debate:join', { debateId });
    expect(mine.myVotes.pre).toBe(againstId);
  });

  it('is kept when the plan is set up again without naming it, and refused when unknown', async () => {
    const { debateId, host, view } = await plannedDebate(t.url, openings, { preVoteCloses: 'after-openings' });
    sockets.push(host);
    const again = await must<DebateView>(host, 'debate:setup', { debateId, template: 'free-form', plan: view.plan });
    expect(again.state.preVoteCloses).toBe('after-openings');
    const bad = await ask(host, 'debate:setup', { debateId, template: 'oxford', preVoteCloses: 'never' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('closing', () => {
  it('a host may close from the results without revealing them; the report then opens to everyone', async () => {
    const { debateId, host } = await plannedDebate(t.url, openings.slice(0, 1));
    sockets.push(host);
    for (const command of ['start', 'next', 'show-results']) await must(host, 'debate:command', { debateId, command });
    const before = await api(t.url, `/api/debates/${debateId}/report`);
    expect(before.status).toBe(403);
    const closed = await must<DebateView>(host, 'debate:command', { debateId, command: 'close' });
    expect(closed.state).toMatchObject({ status: 'closed', resultsRevealed: false });
    const audience = await connectSocket(t.url, null);
    sockets.push(audience);
    const seen = await must<DebateView>(audience, 'debate:join', { debateId });
    expect(seen.results).toBe(null);
    const report = await api(t.url, `/api/debates/${debateId}/report`);
    expect(report.status).toBe(200);
  });

  it('is still refused before the results', async () => {
    const { debateId, host } = await plannedDebate(t.url, openings.slice(0, 1));
    sockets.push(host);
    await must(host, 'debate:command', { debateId, command: 'start' });
    const refused = await ask(host, 'debate:command', { debateId, command: 'close' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});

describe('who may host', () => {
  const debateBody = (articleId: string, hostId: string) => ({
    articleId,
    hostId,
    motion: 'Hosts may start debates.',
    positions: [
      { name: 'For', debaterIds: [] },
      { name: 'Against', debaterIds: [] },
    ],
  });

  it('the demo host (host role) creates a debate it hosts, but not one for someone else; a reader cannot', async () => {
    const article = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const hostToken = await signInAs(t.url, 'host');
    const me = (await api(t.url, '/api/me', { token: hostToken })).body.user;
    expect(me.role).toBe('host');
    const other = await newUser(t.url, `otherhost${process.pid}`);

    const own = await api(t.url, '/api/debates', { token: hostToken, body: debateBody(article.id, me.id) });
    expect(own.status).toBe(201);
    const setup = await api(t.url, `/api/debates/${own.body.debate.id}/session`, {
      token: hostToken,
      body: { template: 'oxford' },
    });
    expect(setup.status).toBe(201);
    // Hosts find debaters by name, as moderators do.
    expect((await api(t.url, '/api/users/lookup?name=oth', { token: hostToken })).status).toBe(200);

    const forOther = await api(t.url, '/api/debates', { token: hostToken, body: debateBody(article.id, other.userId) });
    expect(forOther.status).toBe(403);
    const byReader = await api(t.url, '/api/debates', {
      token: other.token,
      body: debateBody(article.id, other.userId),
    });
    expect(byReader.status).toBe(403);
    expect((await api(t.url, '/api/users/lookup?name=oth', { token: other.token })).status).toBe(403);
  });

  it('an admin gives the host role like any other, and a host is not staff (no desk)', async () => {
    const article = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const user = await newUser(t.url, `newhost${process.pid}`);
    const admin = await signInAs(t.url, 'admin');
    const changed = await api(t.url, `/api/users/${user.userId}/role`, {
      token: admin,
      method: 'PATCH',
      body: { role: 'host' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.role).toBe('host');
    const fresh = (
      await api(t.url, '/api/auth/sign-in', { body: { name: `newhost${process.pid}`, password: 'password-for-tests' } })
    ).body.accessToken as string;
    const made = await api(t.url, '/api/debates', { token: fresh, body: debateBody(article.id, user.userId) });
    expect(made.status).toBe(201);
    expect((await api(t.url, '/api/mod/queues/pending', { token: fresh })).status).toBe(403);
  });
});
