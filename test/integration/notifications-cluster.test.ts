/**
 * Notifications across two processes (REDIS_URL, one SQLite file): a user's tabs on both processes
 * hear a reply, a mention and a removal made through either, and a read on one clears the count on
 * the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { NotificationNew, NotificationsRead } from '../../shared/notifications.js';
import type { ChildParley } from '../helpers/child.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { redisTool } from '../helpers/redis-server.js';
import { useProcessCluster } from '../helpers/process-cluster.js';
import { api, signInAs } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js';
import { nextEvent, nextMillisecond, waitUntil } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let smtp: TestSmtp;
/** Digest windows of 1.2 s. */
const DIGEST_MS = 1200;

// Before the processes start: they are given its address.
beforeAll(async () => {
  if (!redisTool.skip) smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.stop();
});
const cluster = useProcessCluster('notifications', {
  env: () => ({ COMMENTS_PER_MINUTE: '1000', SMTP_URL: smtp.url, DIGEST_MINUTES: String(DIGEST_MS / 60_000) }),
});
const { processes } = cluster;

describe.skipIf(redisTool.skip)('notifications across processes', () => {
  it('reach the user’s tabs on every process, and reads clear the count everywhere', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;
    const alice = await newUser(first.url, 'clusterAlice');
    const bob = await newUser(second.url, 'clusterBob');
    const open = async (base: string, token: string) => {
      const socket = await connectSocket(base, token);
      cluster.track(socket);
      return socket;
    };
    const onFirst = await open(first.url, alice.token);
    const onSecond = await open(second.url, alice.token);
    const bobSocket = await open(second.url, bob.token);
    const newOn = (s: ParleyClientSocket) => nextEvent<NotificationNew>(s, 'notification:new');

    const mine = (
      await must<{ comment: { id: string } }>(onFirst, 'comment:create', { articleId, body: 'Alice, on process one.' })
    ).comment.id;
    // A reply made through the other process.
    let seen = [newOn(onFirst), newOn(onSecond)];
    const reply = (
      await must<{ comment: { id: string } }>(bobSocket, 'comment:create', {
        articleId,
        parentId: mine,
        body: 'Bob replies through process two.',
      })
    ).comment.id;
    for (const e of await Promise.all(seen))
      expect(e).toMatchObject({ unread: 1, notification: { kind: 'reply', commentId: reply } });

    // A mention, also through process two (a millisecond later at least: listed newest first below).
    await nextMillisecond();
    seen = [newOn(onFirst), newOn(onSecond)];
    await must(bobSocket, 'comment:create', { articleId, body: 'What does @clusterAlice think?' });
    for (const e of await Promise.all(seen)) expect(e).toMatchObject({ unread: 2, notification: { kind: 'mention' } });

    // A removal with its reason, through process two.
    await nextMillisecond();
    seen = [newOn(onFirst), newOn(onSecond)];
    const moderator = await signInAs(second.url, 'moderator');
    const removed = await api(second.url, `/api/mod/comments/${mine}/actions`, {
      token: moderator,
      body: { action: 'remove', reason: 'Personal attack', expectedVersion: 0 },
    });
    expect(removed.status).toBe(200);
    for (const e of await Promise.all(seen))
      expect(e).toMatchObject({
        unread: 3,
        notification: { kind: 'moderation', action: 'removed', reason: 'Personal attack' },
      });

    // Listed on either process after a reconnect.
    const listed = await api(second.url, '/api/notifications', { token: alice.token });
    expect(listed.body.items.map((n: { kind: string }) => n.kind)).toEqual(['moderation', 'mention', 'reply']);

    // Read one through process one: the tab on process two hears; then all through process two.
    const readOnSecond = nextEvent<NotificationsRead>(onSecond, 'notifications:read');
    await api(first.url, '/api/notifications/read', { token: alice.token, body: { ids: [listed.body.items[2].id] } });
    expect(await readOnSecond).toEqual({ ids: [listed.body.items[2].id], unread: 2 });
    const readOnFirst = nextEvent<NotificationsRead>(onFirst, 'notifications:read', (e) => e.ids === null);
    await api(second.url, '/api/notifications/read', { token: alice.token, body: { all: true } });
    expect(await readOnFirst).toEqual({ ids: null, unread: 0 });
    expect((await api(first.url, '/api/notifications', { token: alice.token })).body.unread).toBe(0);
  });

  it('sends each digest once, though both processes run the digest schedule', async () => {
    const [first, second] = processes as [ChildParley, ChildParley];
    const articleId: string = (await api(first.url, `/api/articles/${SLUG}`)).body.article.id;
    const reg = await api(second.url, '/api/auth/register', {
      body: { name: 'clusterDigest', password: 'password-for-tests', email: 'cluster.digest@example.org' },
    });
    const token: string = reg.body.accessToken;
    expect(
      (await api(first.url, '/api/notifications/settings', { method: 'PATCH', token, body: { digest: true } })).status,
    ).toBe(200);
    const author = await connectSocket(first.url, token);
    const replier = await connectSocket(second.url, (await newUser(second.url, 'clusterDigestReplier')).token);
    cluster.track(author);
    cluster.track(replier);
    const mine = await must<{ comment: { id: string } }>(author, 'comment:create', { articleId, body: 'Mail me.' });
    await must(replier, 'comment:create', { articleId, parentId: mine.comment.id, body: 'Mailed reply.' });
    const mail = await smtp.waitForMessage('cluster.digest@example.org');
    expect(mail.text).toContain('Mailed reply.');
    // Two more windows: had both processes sent in the first, a second copy would be here by now.
    const until = Date.now() + 2 * DIGEST_MS + 300;
    await waitUntil(() => Date.now() > until, 'two digest windows');
    expect(smtp.messages.filter((m) => m.to.includes('cluster.digest@example.org'))).toHaveLength(1);
  });
});
