/**
 * Automatic slow mode over real sockets: a moderator turns it on for an article, the discussion
 * reaches the rate, the server engages it by itself and tells the readers (`article:settings` with
 * `slowModeAuto: true`), posting follows it, a reader who joins then learns it from the snapshot,
 * and turning it off lifts it for everyone. Lifting by a quiet minute is covered with a clock in
 * server/domain/auto-slow-mode.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../client/src/realtime/requests.js';
import type { ServerToClientEvents } from '../../shared/events.js';
import { connectSocket, eventually, newUser, openReader, type Reader } from '../helpers/live.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent } from '../helpers/wait.js';

type SettingsNotice = Parameters<ServerToClientEvents['article:settings']>[0];

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Reader[] = [];

beforeAll(async () => {
  // Each process evaluates every 100 ms here (2 s by default), so engaging shows quickly.
  t = await startTestServer({
    AUTO_SLOW_MODE_CHECK_MS: '100',
    COMMENTS_PER_MINUTE: '1000',
    SOCKET_EVENTS_PER_SECOND: '1000',
  });
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

describe('automatic slow mode', () => {
  it('engages by itself on a busy article, tells readers, binds posting, and lifts when turned off', async () => {
    const moderator = await signInAs(t.url, 'moderator');
    const modSocket = await connectSocket(t.url, moderator);
    const articleId: string = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
    const saved = await request(modSocket, 'mod:settings', {
      articleId,
      settings: { autoSlowModePerMinute: 3, autoSlowModeSeconds: 60 },
    });
    expect(saved).toMatchObject({ autoSlowModePerMinute: 3, autoSlowModeSeconds: 60, slowModeSeconds: 0 });

    const busy = await openReader(t.url, SLUG, await newUser(t.url, 'Busy'));
    open.push(busy);
    expect(busy.thread.state.slowModeSeconds).toBe(0);
    const engaged = nextEvent<SettingsNotice>(busy.socket, 'article:settings', (s) => s.slowModeAuto === true);
    for (let i = 0; i < 3; i++) await busy.thread.post(`busy comment ${i}`);
    expect(await engaged).toEqual({ articleId, commentsOpen: true, slowModeSeconds: 60, slowModeAuto: true });
    await eventually(() => busy.thread.state.slowModeSeconds === 60, 'slow mode in the reader’s thread');

    // Posting follows it: one comment, then a wait (readers; the automatic wording says why).
    await busy.thread.post('first under automatic slow mode');
    await expect(busy.thread.post('too soon')).rejects.toMatchObject({
      code: 'SLOW_MODE',
      message: expect.stringContaining('automatic: the discussion is very busy'),
    });

    // A reader who arrives now learns it from the snapshot.
    const late = await connectSocket(t.url, null);
    const snapshot = await request(late, 'article:join', { slug: SLUG });
    expect(snapshot).toMatchObject({ slowModeSeconds: 60, slowModeAuto: true });
    late.close();

    // Turned off by a moderator: lifted at once, for everyone.
    const lifted = nextEvent<SettingsNotice>(busy.socket, 'article:settings', (s) => s.slowModeAuto === false);
    const off = await api(t.url, `/api/mod/articles/${articleId}/settings`, {
      method: 'PATCH',
      token: moderator,
      body: { autoSlowModePerMinute: 0 },
    });
    expect(off.body.settings).toMatchObject({ autoSlowModePerMinute: 0 });
    expect(await lifted).toEqual({ articleId, commentsOpen: true, slowModeSeconds: 0, slowModeAuto: false });
    await eventually(() => busy.thread.state.slowModeSeconds === 0, 'slow mode lifted in the reader’s thread');
    modSocket.close();
  });

  it('refuses settings out of range with a clear error', async () => {
    const moderator = await signInAs(t.url, 'moderator');
    const articleId: string = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
    const bad = await api(t.url, `/api/mod/articles/${articleId}/settings`, {
      method: 'PATCH',
      token: moderator,
      body: { autoSlowModePerMinute: -1, autoSlowModeSeconds: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'autoSlowModePerMinute',
      'autoSlowModeSeconds',
    ]);
  });
});
