/**
 * Notifications (issue 15) on one process: replies, @mentions and moderation reach every open
 * connection of their user, are listed after a reconnect, and reads clear the count on every tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { NotificationNew, NotificationsRead } from '../../shared/notifications.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent, nextMillisecond } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let server: TestServer;
let articleId = '';
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ COMMENTS_PER_MINUTE: '1000' });
  articleId = (await api(server.url, `/api/articles/${SLUG}`)).body.article.id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.destroy();
});

async function open(token: string): Promise<ParleyClientSocket> {
  const socket = await connectSocket(server.url, token);
  sockets.push(socket);
  return socket;
}

async function post(socket: ParleyClientSocket, body: string, parentId: string | null = null): Promise<string> {
  const change = await must<{ comment: { id: string } }>(socket, 'comment:create', { articleId, body, parentId });
  return change.comment.id;
}

const allRead = (e: NotificationsRead) => e.ids === null;
const newOne = (s: ParleyClientSocket, match: (e: NotificationNew) => boolean = () => true) =>
  nextEvent<NotificationNew>(s, 'notification:new', match);

describe('notifications on one process', () => {
  it('tells every open tab of a reply, a mention and a removal, lists them, and syncs reads', async () => {
    const alice = await newUser(server.url, 'Alice Notified');
    const bob = await newUser(server.url, 'bob_n');
    const carol = await newUser(server.url, 'Carol');
    const [a1, a2] = [await open(alice.token), await open(alice.token)];
    const bobSocket = await open(bob.token);
    const carolSocket = await open(carol.token);

    // A reply: both of Alice's tabs hear it, with the count.
    const mine = await post(a1, 'My first thought on the talks.');
    const replySeen = [newOne(a1), newOne(a2)];
    const reply = await post(bobSocket, 'I disagree, and here is why.', mine);
    for (const seen of await Promise.all(replySeen)) {
      expect(seen.unread).toBe(1);
      expect(seen.notification).toMatchObject({
        kind: 'reply',
        actorName: 'bob_n',
        commentId: reply,
        articleSlug: SLUG,
        excerpt: 'I disagree, and here is why.',
        readAt: null,
      });
    }

    // A mention, by the name as stored (any case, a name with a space), twice in one comment: one
    // notification each; Carol's mention of herself tells nobody.
    await nextMillisecond(); // listed newest first below: never two in one millisecond
    const mentionSeen = [newOne(a1), newOne(a2)];
    const bobMention = newOne(bobSocket);
    const carolHears = newOne(carolSocket);
    const mention = await post(
      carolSocket,
      'As @alice notified says, and @ALICE NOTIFIED again, cc @bob_n and @Carol.',
    );
    for (const seen of await Promise.all(mentionSeen)) {
      expect(seen).toMatchObject({
        unread: 2,
        notification: { kind: 'mention', commentId: mention, actorName: 'Carol' },
      });
    }
    expect((await bobMention).notification).toMatchObject({ kind: 'mention', commentId: mention });

    // A removal with its reason, as a moderator on the desk does it.
    const moderator = await signInAs(server.url, 'moderator');
    await nextMillisecond();
    const removalSeen = [newOne(a1), newOne(a2)];
    const removed = await api(server.url, `/api/mod/comments/${mine}/actions`, {
      token: moderator,
      body: { action: 'remove', reason: 'Off topic for this article', expectedVersion: 0 },
    });
    expect(removed.status).toBe(200);
    for (const seen of await Promise.all(removalSeen)) {
      expect(seen).toMatchObject({
        unread: 3,
        notification: {
          kind: 'moderation',
          action: 'removed',
          reason: 'Off topic for this article',
          actorName: 'moderator',
          commentId: mine,
        },
      });
    }

    // After a reconnect: listed newest first, with the count; paging works.
    a2.close();
    const a3 = await open(alice.token);
    const listed = await api(server.url, '/api/notifications?limit=2', { token: alice.token });
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(3);
    expect(listed.body.items.map((n: { kind: string }) => n.kind)).toEqual(['moderation', 'mention']);
    const rest = await api(server.url, `/api/notifications?limit=2&after=${encodeURIComponent(listed.body.next)}`, {
      token: alice.token,
    });
    expect(rest.body.items.map((n: { kind: string }) => n.kind)).toEqual(['reply']);
    expect(rest.body.next).toBeNull();

    // Read one on one tab: the other tab's count drops; then all.
    const readOne = nextEvent<NotificationsRead>(a3, 'notifications:read');
    const one = await api(server.url, '/api/notifications/read', {
      token: alice.token,
      body: { ids: [listed.body.items[0].id] },
    });
    expect(one.body).toEqual({ ids: [listed.body.items[0].id], unread: 2 });
    expect(await readOne).toEqual({ ids: [listed.body.items[0].id], unread: 2 });
    const readAll = [
      nextEvent<NotificationsRead>(a1, 'notifications:read', allRead),
      nextEvent<NotificationsRead>(a3, 'notifications:read', allRead),
    ];
    expect(
      (await api(server.url, '/api/notifications/read', { token: alice.token, body: { all: true } })).body,
    ).toEqual({
      ids: null,
      unread: 0,
    });
    for (const seen of await Promise.all(readAll)) expect(seen).toEqual({ ids: null, unread: 0 });
    // Carol never heard of her own mention (the first thing she hears is a later reply to her).
    const toCarol = await post(bobSocket, 'Replying to Carol.', mention);
    expect((await carolHears).notification.commentId).toBe(toCarol);
  });

  it('follows each user’s settings: a kind turned off is not notified', async () => {
    const dana = await newUser(server.url, 'Dana');
    const eve = await newUser(server.url, 'Eve');
    const danaSocket = await open(dana.token);
    const eveSocket = await open(eve.token);
    const off = await api(server.url, '/api/notifications/settings', {
      method: 'PATCH',
      token: dana.token,
      body: { replies: false },
    });
    expect(off.body.settings).toEqual({
      replies: false,
      mentions: true,
      moderation: true,
      debates: true,
      digest: false,
    });
    const mine = await post(danaSocket, 'Dana’s point.');
    const next = newOne(danaSocket);
    await post(eveSocket, 'A reply Dana chose not to hear of.', mine);
    const mention = await post(eveSocket, 'But @Dana hears of this mention.');
    expect((await next).notification).toMatchObject({ kind: 'mention', commentId: mention });
    expect((await api(server.url, '/api/notifications', { token: dana.token })).body.unread).toBe(1);
  });

  it('refuses bad input with a code and ignores ids that are not the user’s', async () => {
    const frank = await newUser(server.url, 'Frank');
    const t = frank.token;
    const code = async (path: string, init: Parameters<typeof api>[2]) => {
      const res = await api(server.url, path, init);
      return `${res.status} ${res.body?.error?.code ?? ''}`.trim();
    };
    expect(await code('/api/notifications', {})).toBe('401 UNAUTHENTICATED');
    expect(await code('/api/notifications/read', { body: { all: true } })).toBe('401 UNAUTHENTICATED');
    expect(await code('/api/notifications?limit=abc', { token: t })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications?limit=500', { token: t })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications?colour=red', { token: t })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, body: { ids: [] } })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, body: { ids: 'x' } })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, body: { ids: [1, 2] } })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, body: { all: false } })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, body: { ids: ['a'], all: true } })).toBe(
      '400 VALIDATION_FAILED',
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expect(await code('/api/notifications/read', { token: t, body: { ids: tooMany } })).toBe('400 VALIDATION_FAILED');
    expect(await code('/api/notifications/read', { token: t, rawBody: '{"ids":' })).toMatch(/^400 /);
    expect(await code('/api/notifications/settings', { method: 'PATCH', token: t, body: {} })).toBe(
      '400 VALIDATION_FAILED',
    );
    expect(await code('/api/notifications/settings', { method: 'PATCH', token: t, body: { replies: 'yes' } })).toBe(
      '400 VALIDATION_FAILED',
    );
    // A digest needs an e-mail address: Frank registered without one.
    expect(await code('/api/notifications/settings', { method: 'PATCH', token: t, body: { digest: true } })).toBe(
      '400 VALIDATION_FAILED',
    );
    expect(
      await code('/api/debates/no-such-debate/follow', { method: 'PUT', token: t, body: { following: true } }),
    ).toBe('404 NOT_FOUND');
    expect(await code('/api/debates/x/follow', { method: 'PUT', token: t, body: { following: 'yes' } })).toBe(
      '400 VALIDATION_FAILED',
    );
    // Unknown ids, and someone else's, change nothing and are answered like any other.
    const other = (await api(server.url, '/api/notifications', { token: await signInAs(server.url, 'reader') })).body;
    const ids = ['no-such-notification', ...(other.items ?? []).map((n: { id: string }) => n.id)];
    const res = await api(server.url, '/api/notifications/read', { token: t, body: { ids } });
    expect(res).toEqual({ status: 200, body: { ids, unread: 0 } });
    // The server is still up.
    expect((await api(server.url, '/api/notifications', { token: t })).status).toBe(200);
  });
});
