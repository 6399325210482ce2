/**
 * The join path kept lean (server/realtime/article-events.ts, open-articles.ts, presence.ts): the
 * reader count is kept as connections open and close articles rather than counted from the room,
 * so it must come out the same whatever order joins, re-joins, leaves, disconnects and recoveries
 * come in; and a join remembers which article a slug names, so a slug that changes must still lead
 * to the article it names now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { ArticleSnapshot } from '../../shared/events.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent, waitUntil } from '../helpers/wait.js';

let t: TestServer;
let admin: string;
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ SOCKET_EVENTS_PER_SECOND: '1000' });
  admin = await signInAs(t.url, 'admin');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

async function newArticle(slug: string): Promise<string> {
  const made = await api(t.url, '/api/articles', { token: admin, body: { slug, title: slug, body: 'x' } });
  expect(made.status).toBe(201);
  return made.body.article.id as string;
}

async function socketOf(token: string | null): Promise<ParleyClientSocket> {
  const socket = await connectSocket(t.url, token);
  sockets.push(socket);
  return socket;
}

const join = (socket: ParleyClientSocket, slug: string, sort = 'best') =>
  must<ArticleSnapshot>(socket, 'article:join', { slug, sort });

/** How many people the server counts on the article now: a guest joins, and does not count itself. */
async function readersOf(slug: string): Promise<number> {
  const probe = await connectSocket(t.url, null);
  try {
    return (await join(probe, slug)).readers - 1;
  } finally {
    probe.close();
  }
}

/** The count once it is `expected` (a disconnect reaches the server a moment after the client closes). */
async function expectReaders(slug: string, expected: number, what: string): Promise<void> {
  let last = -1;
  await waitUntil(async () => (last = await readersOf(slug)) === expected, `${what}: ${expected} readers`).catch(() =>
    expect(last, what).toBe(expected),
  );
}

describe('the join path', () => {
  it('counts each person once through joins, re-joins, leaves, disconnects and a recovery', async () => {
    const slug = 'join-path-count';
    const articleId = await newArticle(slug);
    const user = await newUser(t.url, 'Counted Twice');
    const tab1 = await socketOf(user.token);
    const tab2 = await socketOf(user.token);
    const guest = await socketOf(null);

    expect((await join(tab1, slug)).readers).toBe(1);
    expect((await join(tab2, slug)).readers).toBe(1); // the same person in a second tab
    await join(tab1, slug, 'new'); // joining again (another sort) opens nothing new
    await join(tab1, slug, 'old');
    expect((await join(guest, slug)).readers).toBe(2);
    await expectReaders(slug, 2, 'after re-joins');

    // A leave that the server handles after the disconnect that follows it counts the tab out once.
    tab2.emit('article:leave', { articleId }, () => undefined);
    tab2.disconnect();
    await expectReaders(slug, 2, 'one tab gone, the other still open');

    await must(tab1, 'article:leave', { articleId });
    await must(tab1, 'article:leave', { articleId }); // leaving twice is leaving once
    await expectReaders(slug, 1, 'both tabs gone');

    // A broken transport: the guest comes back to its session, in its rooms, and counts again.
    // (socket.io recovers from the offset of the last broadcast received: wait for one.)
    const other = await socketOf(null);
    const broadcast = nextEvent(guest, 'presence:update', (p: { readers: number }) => p.readers === 2);
    await join(other, slug);
    await broadcast;
    guest.io.reconnectionDelay(100).reconnectionDelayMax(100);
    const back = nextEvent(guest, 'connect');
    guest.io.engine.close();
    await back;
    expect(guest.recovered).toBe(true);
    await expectReaders(slug, 2, 'the guest recovered, the other still there');

    guest.close();
    other.close();
    await expectReaders(slug, 0, 'everyone gone');
  }, 60_000);

  it('follows a slug to the article it names now, after a rename', async () => {
    const firstId = await newArticle('join-path-before');
    const reader = await socketOf(null);
    expect((await join(reader, 'join-path-before')).articleId).toBe(firstId); // the slug is remembered

    const renamed = await api(t.url, `/api/articles/${firstId}`, {
      method: 'PATCH',
      token: admin,
      body: { slug: 'join-path-after' },
    });
    expect(renamed.status).toBe(200);
    const late = await socketOf(null);
    const refused = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      late.emit('article:join', { slug: 'join-path-before' }, resolve),
    );
    expect(refused.ok ? 'joined' : refused.error?.code).toBe('NOT_FOUND');
    expect((await join(late, 'join-path-after')).articleId).toBe(firstId);

    // The old slug now names another article: a join gets that one, and only that one is open.
    const secondId = await newArticle('join-path-before');
    const third = await socketOf(null);
    const snapshot = await join(third, 'join-path-before');
    expect(snapshot.articleId).toBe(secondId);
    expect(snapshot.readers).toBe(1);
    await expectReaders('join-path-after', 2, 'the renamed article: the first reader and the late one');
  }, 60_000);
});
