/** The session's live stream link on a whole server: who may set it, what is refused, and that the audience gets it live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebateView } from '../../shared/debate/model.js';
import type { ServerToClientEvents } from '../../shared/events.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { plannedDebate } from '../helpers/debate-plan.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { ask, must } from '../helpers/moderation.js';
import { signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent } from '../helpers/wait.js';

type StateUpdate = Parameters<ServerToClientEvents['debate:state']>[0];

let t: TestServer;
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

const plan = [{ kind: 'free' as const, title: 'Open floor', positionId: null, durationSeconds: 300 }];
const LINK = 'https://youtu.be/dQw4w9WgXcQ';

async function socketOf(token: string) {
  const socket = await connectSocket(t.url, token);
  sockets.push(socket);
  return socket;
}

describe('the page policy', () => {
  it('frames only the two players and lets HLS media and playlists come over https', async () => {
    const res = await fetch(`${t.url}/`);
    const policy = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      policy
        .split(';')
        .find((d) => d.trim().startsWith(`${name} `))
        ?.trim();
    expect(directive('frame-src')).toBe('frame-src https://www.youtube-nocookie.com https://player.vimeo.com');
    expect(directive('media-src')).toBe("media-src 'self' blob: https:");
    expect(directive('connect-src')).toBe("connect-src 'self' ws: wss: https:");
  });
});

describe('debate:stream', () => {
  it('the host sets a link: the audience gets it live and on joining; clearing works', async () => {
    const { debateId, host } = await plannedDebate(t.url, plan);
    sockets.push(host);
    const audience = await socketOf((await newUser(t.url, `streamViewer${process.pid}`)).token);
    const joined = await must<DebateView>(audience, 'debate:join', { debateId });
    expect(joined.state.streamUrl ?? null).toBeNull();

    const live = nextEvent<StateUpdate>(
      audience,
      'debate:state',
      (u) => u.debateId === debateId && !!u.state.streamUrl,
    );
    const set = await must<DebateView>(host, 'debate:stream', { debateId, url: `  ${LINK} ` });
    expect(set.state.streamUrl).toBe(LINK);
    expect((await live).state.streamUrl).toBe(LINK);

    // A latecomer gets it with the view, also after the debate has started (the machine keeps it).
    await must(host, 'debate:command', { debateId, command: 'start' });
    const late = await socketOf((await newUser(t.url, `streamLate${process.pid}`)).token);
    const lateView = await must<DebateView>(late, 'debate:join', { debateId });
    expect(lateView.state).toMatchObject({ status: 'live', streamUrl: LINK });

    const cleared = nextEvent<StateUpdate>(
      audience,
      'debate:state',
      (u) => u.debateId === debateId && !u.state.streamUrl,
    );
    expect((await must<DebateView>(host, 'debate:stream', { debateId, url: null })).state.streamUrl).toBeNull();
    expect((await cleared).state.streamUrl).toBeNull();
    expect((await must<DebateView>(late, 'debate:join', { debateId })).state.streamUrl).toBeNull();
  });

  it('a reader is FORBIDDEN; a moderator and an admin may set it', async () => {
    const { debateId, host } = await plannedDebate(t.url, plan);
    sockets.push(host);
    const reader = await socketOf(await signInAs(t.url, 'reader'));
    const refused = await ask(reader, 'debate:stream', { debateId, url: LINK });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const guest = await connectSocket(t.url, null);
    sockets.push(guest);
    expect(await ask(guest, 'debate:stream', { debateId, url: LINK })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    const moderator = await socketOf(await signInAs(t.url, 'moderator'));
    const byModerator = await must<DebateView>(moderator, 'debate:stream', {
      debateId,
      url: 'https://vimeo.com/76979871',
    });
    expect(byModerator.state.streamUrl).toBe('https://vimeo.com/76979871');
    const admin = await socketOf(await signInAs(t.url, 'admin'));
    const hls = 'https://cdn.example.org/live/debate.m3u8';
    expect((await must<DebateView>(admin, 'debate:stream', { debateId, url: hls })).state.streamUrl).toBe(hls);
  });

  it('refuses a link that is not allowed with VALIDATION_FAILED and the reason, and keeps the old one', async () => {
    const { debateId, host } = await plannedDebate(t.url, plan);
    sockets.push(host);
    await must(host, 'debate:stream', { debateId, url: LINK });
    const cases: Array<[string, RegExp]> = [
      ['http://www.youtube.com/watch?v=dQw4w9WgXcQ', /Only https/],
      ['javascript:alert(1)', /Only https/],
      ['data:text/html,hi', /Only https/],
      ['https://example.com/video', /Only YouTube, Vimeo and HLS/],
      [`https://cdn.example.org/${'a'.repeat(2000)}.m3u8`, /longer than 2,000 characters/],
    ];
    for (const [url, reason] of cases) {
      const answer = await ask(host, 'debate:stream', { debateId, url });
      expect(answer, url.slice(0, 40)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      if (!answer.ok) expect(answer.error.message).toMatch(reason);
    }
    expect((await must<DebateView>(host, 'debate:join', { debateId })).state.streamUrl).toBe(LINK);
  });

  it('keeps the link when the plan is saved again, and refuses changes once the debate is closed', async () => {
    const { debateId, host, view } = await plannedDebate(t.url, plan);
    sockets.push(host);
    await must(host, 'debate:stream', { debateId, url: LINK });
    const replanned = await must<DebateView>(host, 'debate:setup', {
      debateId,
      template: 'free-form',
      plan: view.plan,
    });
    expect(replanned.state.streamUrl).toBe(LINK);
    for (const command of ['start', 'next', 'show-results', 'reveal', 'close'])
      await must(host, 'debate:command', { debateId, command });
    expect(await ask(host, 'debate:stream', { debateId, url: null })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
  });
});
