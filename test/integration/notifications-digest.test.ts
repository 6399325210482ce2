/**
 * Notifications (issue 15): e-mail digests through a real SMTP server when SMTP_URL is set and
 * none without it; a followed debate going live (by the toggle, or by voting in its pre-vote).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import type { NotificationNew } from '../../shared/notifications.js';
import type { DebateView } from '../../shared/debate/model.js';
import { oxfordDebate } from '../helpers/debate.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js';
import { nextEvent, waitUntil } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
/** 1.2 s windows. */
const DIGEST_MINUTES = '0.02';
let smtp: TestSmtp;
let withMail: TestServer;
let withoutMail: TestServer;
const sockets: ParleyClientSocket[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  withMail = await startTestServer({
    SMTP_URL: smtp.url,
    DIGEST_MINUTES,
    PUBLIC_URL: 'https://talk.example',
    COMMENTS_PER_MINUTE: '1000',
  });
  withoutMail = await startTestServer({ DIGEST_MINUTES, COMMENTS_PER_MINUTE: '1000' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await withMail?.destroy();
  await withoutMail?.destroy();
  await smtp?.stop();
});

async function register(t: TestServer, name: string, email: string) {
  const res = await api(t.url, '/api/auth/register', { body: { name, password: 'password-for-tests', email } });
  expect(res.status).toBe(201);
  const token: string = res.body.accessToken;
  const socket = await connectSocket(t.url, token);
  sockets.push(socket);
  return { token, socket };
}

/** Alice asks for digests and gets a reply from Bob; resolves with Alice's token. */
async function replyToDigestReader(t: TestServer, alice: string, email: string): Promise<string> {
  const articleId = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
  const a = await register(t, alice, email);
  const b = await register(t, `${alice}Replier`, `${alice.toLowerCase()}.replier@example.org`);
  const set = await api(t.url, '/api/notifications/settings', {
    method: 'PATCH',
    token: a.token,
    body: { digest: true },
  });
  expect(set.body.settings.digest).toBe(true);
  const mine = await must<{ comment: { id: string } }>(a.socket, 'comment:create', { articleId, body: 'A point.' });
  await must(b.socket, 'comment:create', { articleId, parentId: mine.comment.id, body: 'A reply worth an e-mail.' });
  return a.token;
}

describe('e-mail digests', () => {
  it('sends unread notifications to users who asked, once, and nothing without SMTP', async () => {
    const token = await replyToDigestReader(withMail, 'Digester', 'digester@example.org');
    await replyToDigestReader(withoutMail, 'Unmailed', 'unmailed@example.org');
    const mail = await smtp.waitForMessage('digester@example.org');
    expect(mail.subject).toBe('Parley: 1 unread notification');
    expect(mail.text).toContain('DigesterReplier replied to you');
    expect(mail.text).toContain('A reply worth an e-mail.');
    expect(mail.text).toContain(`https://talk.example/a/${SLUG}#comment-`);
    // Two more windows pass: nothing new is mailed to Digester (each notification goes once), and
    // the server without SMTP_URL sent nothing at all.
    const until = Date.now() + 2 * 1200 + 300;
    await waitUntil(() => Date.now() > until, 'two digest windows');
    expect(smtp.messages.filter((m) => m.to.includes('digester@example.org'))).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes('unmailed@example.org'))).toHaveLength(0);
    expect(withoutMail.parley.deps.mailer ?? null).toBeNull();
    // The digest does not mark anything read: the bell still counts it.
    expect((await api(withMail.url, '/api/notifications', { token })).body.unread).toBe(1);
  });
});

describe('debates followed', () => {
  it('tells followers (by the toggle, or by voting in the pre-vote) when the debate goes live', async () => {
    const { host, debateId } = await oxfordDebate(withMail);
    const follower = await register(withMail, 'Follower', 'follower@example.org');
    const voter = await register(withMail, 'PreVoter', 'prevoter@example.org');
    expect((await api(withMail.url, `/api/debates/${debateId}/follow`, { token: follower.token })).body).toEqual({
      following: false,
    });
    const put = await api(withMail.url, `/api/debates/${debateId}/follow`, {
      method: 'PUT',
      token: follower.token,
      body: { following: true },
    });
    expect(put.body).toEqual({ following: true });
    const view = await must<DebateView>(host.socket, 'debate:command', { debateId, command: 'open-pre-vote' });
    expect(view.state.status).not.toBe('live');
    const positionId = view.positions[0]!.id;
    await must(voter.socket, 'debate:vote', { debateId, positionId });
    expect((await api(withMail.url, `/api/debates/${debateId}/follow`, { token: voter.token })).body.following).toBe(
      true,
    );

    const heard = [follower.socket, voter.socket].map((s) => nextEvent<NotificationNew>(s, 'notification:new'));
    await must(host.socket, 'debate:command', { debateId, command: 'start' });
    for (const e of await Promise.all(heard))
      expect(e.notification).toMatchObject({ kind: 'debate', debateId, articleSlug: SLUG });
  });
});
