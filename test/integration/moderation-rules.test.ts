/** Who may moderate, pre-moderation, word lists, reports and sanctions, over real sockets and HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSnapshot } from '../../shared/events.js';
import type { ModComment } from '../../shared/types.js';
import { connectSocket, eventually, newUser, openReader, type Reader } from '../helpers/live.js';
import { ask, moderatorSocket, must } from '../helpers/moderation.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { storeDigest } from '../helpers/store-digest.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
let articleId: string;
let mod: Awaited<ReturnType<typeof moderatorSocket>>;
const open: Reader[] = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' });
  mod = await moderatorSocket(t.url);
  articleId = (await must<ArticleSnapshot>(mod.socket, 'article:join', { slug: SLUG })).articleId;
});
afterAll(async () => {
  for (const r of open) r.close();
  mod.socket.close();
  await t.destroy();
});

async function reader(name: string) {
  const user = await newUser(t.url, name);
  const r = await openReader(t.url, SLUG, user);
  open.push(r);
  return { ...r, ...user };
}

async function settings(patch: Record<string, unknown>) {
  return must(mod.socket, 'mod:settings', { articleId, settings: patch });
}

describe('who may moderate', () => {
  it('refuses every moderator event and route to a reader, a muted user and a banned user, and changes nothing', async () => {
    const target = await reader('Target');
    const { comment } = await target.thread.post('a comment to fight over');
    const plain = await reader('Plain Reader');
    const muted = await reader('Muted Reader');
    const banned = await reader('Banned Reader');
    await must(mod.socket, 'mod:sanction', { userId: muted.userId, kind: 'mute', reason: 'cool off', minutes: 60 });
    await must(mod.socket, 'mod:sanction', { userId: banned.userId, kind: 'ban', reason: 'spam' });
    const sanction = (await t.parley.deps.store.listSanctions(muted.userId))[0]!;
    const before = storeDigest(t.dataDir);

    const events: Array<[string, unknown]> = [
      ['mod:watch', {}],
      ['mod:queue', { queue: 'pending' }],
      ['mod:context', { commentId: comment.id }],
      ['mod:audit', {}],
      ['mod:user', { userId: target.userId }],
      ['mod:sanction', { userId: target.userId, kind: 'ban', reason: 'x', removeComments: true }],
      ['mod:lift', { sanctionId: sanction.id }],
      ['mod:settings', { articleId, settings: { commentsOpen: false } }],
      ['mod:article-settings', { articleId }],
      ...(['remove', 'restore', 'approve', 'hold', 'feature', 'unfeature'] as const).map(
        (action): [string, unknown] => [
          'mod:action',
          { commentId: comment.id, action, reason: 'x', expectedVersion: 0 },
        ],
      ),
    ];
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/mod/queues/pending'],
      ['GET', `/api/mod/comments/${comment.id}/context`],
      ['POST', `/api/mod/comments/${comment.id}/actions`, { action: 'remove', reason: 'x', expectedVersion: 0 }],
      ['GET', '/api/mod/audit'],
      ['GET', `/api/mod/users/${target.userId}`],
      ['POST', `/api/mod/users/${target.userId}/sanctions`, { kind: 'ban', reason: 'x' }],
      ['DELETE', `/api/mod/sanctions/${sanction.id}`],
      ['GET', `/api/mod/articles/${articleId}/settings`],
      ['PATCH', `/api/mod/articles/${articleId}/settings`, { commentsOpen: false }],
    ];
    for (const who of [plain, muted, banned]) {
      for (const [event, payload] of events) {
        const answer = await ask(who.socket, event, payload);
        expect(answer.ok ? 'ok' : answer.error.code, `${event} by ${who.userId}`).toBe('FORBIDDEN');
      }
      for (const [method, path, body] of routes) {
        const res = await api(t.url, path, { method, token: who.token, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect(storeDigest(t.dataDir)).toEqual(before);
  });
});

describe('sanctions at the edge', () => {
  it('refuses muted and banned users with a code and until when, makes the warned acknowledge, and lifts', async () => {
    const user = await reader('Sanctioned');
    await user.thread.post('before any sanction');
    const warn = await must<{ sanction: { id: string } }>(mod.socket, 'mod:sanction', {
      userId: user.userId,
      kind: 'warn',
      reason: 'mind your tone',
    });
    await expect(user.thread.post('after the warning')).rejects.toMatchObject({ code: 'WARNING_UNACKNOWLEDGED' });
    await must(user.socket, 'account:acknowledge', { sanctionId: warn.sanction.id });
    await user.thread.post('after acknowledging');

    const mute = await must<{ sanction: { id: string; until: string } }>(mod.socket, 'mod:sanction', {
      userId: user.userId,
      kind: 'mute',
      reason: 'cool off',
      minutes: 30,
    });
    const refusal = await user.thread.post('while muted').catch((e: { code: string; message: string }) => e);
    expect(refusal).toMatchObject({ code: 'MUTED' });
    expect((refusal as { message: string }).message).toContain(mute.sanction.until);
    const other = await reader('Someone Else');
    const { comment: theirs } = await other.thread.post('vote on me if you can');
    await expect(user.thread.vote(theirs.id, 1)).rejects.toMatchObject({ code: 'MUTED' });
    await expect(must(user.socket, 'comment:report', { commentId: theirs.id, reason: 'spam' })).rejects.toThrow(
      /MUTED/,
    );
    await must(mod.socket, 'mod:lift', { sanctionId: mute.sanction.id });
    await user.thread.post('after the mute was lifted');

    const ban = await must<{ removed: number }>(mod.socket, 'mod:sanction', {
      userId: user.userId,
      kind: 'ban',
      reason: 'repeated abuse',
      removeComments: true,
    });
    expect(ban.removed).toBe(3);
    await expect(user.thread.post('while banned')).rejects.toMatchObject({ code: 'BANNED' });
    const history = await t.parley.deps.store.authorStanding(user.userId);
    expect(history).toMatchObject({ visible: 0, removed: 3 });
  });
});

describe('pre-moderation, word lists and reports', () => {
  it('holds and refuses as the settings say, including Unicode tricks', async () => {
    const writer = await reader('Careful Writer');
    const watcher = await reader('Watcher');
    await settings({ bannedWords: ['scum'], suspectWords: ['traitor'] });
    for (const trick of ['scum', 'SCUM!', 'ｓｃｕｍ', 'ѕсum']) {
      await expect(writer.thread.post(`they are ${trick}`), trick).rejects.toMatchObject({ code: 'COMMENT_REFUSED' });
    }
    // Invisible and bidi characters never get as far as the word list: the text policy refuses them.
    for (const trick of ['s\u200bc\u200du\u2060m', 'you \u202escum\u202c', 't\u200braitor']) {
      await expect(writer.thread.post(`they are ${trick}`), trick).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await writer.thread.post('scumble is a painting technique'); // a longer word is not the banned one
    const held: Array<[string, string]> = [];
    for (const trick of ['traitor', 'TRAITOR', 'ｔｒａｉｔｏｒ', 'trаitor' /* Cyrillic a */]) {
      const change = await writer.thread.post(`such a ${trick}`);
      expect(change.comment, trick).toMatchObject({ status: 'held', body: `such a ${trick}` });
      held.push([trick, change.comment.id]);
    }
    // A plain comment posted after them reaches the watcher after anything sent about them (one
    // connection, changes in order): once it is there, none of the held bodies came before it.
    const { comment: marker } = await writer.thread.post('a plain comment after the held ones');
    await eventually(() => watcher.thread.state.comments.has(marker.id), 'the plain comment at the watcher');
    for (const [trick, id] of held) expect(watcher.thread.state.comments.get(id)?.body ?? '', trick).toBe('');
    const pending = await must<{ items: Array<{ comment: ModComment }> }>(mod.socket, 'mod:queue', {
      queue: 'pending',
      articleId,
    });
    expect(pending.items.filter((i) => i.comment.holdReason?.startsWith('suspect words'))).toHaveLength(4);
    await settings({ bannedWords: [], suspectWords: [] });
  });

  it('holds all posts, first posts of new users, or posts with links, as chosen', async () => {
    const veteran = await reader('Veteran');
    await veteran.thread.post('an early comment, before pre-moderation');
    await settings({ premod: 'new-users' });
    const newcomer = await reader('Newcomer');
    expect((await newcomer.thread.post('my first words')).comment.status).toBe('held');
    expect((await veteran.thread.post('I have posted before')).comment.status).toBe('visible');
    await settings({ premod: 'links' });
    expect((await veteran.thread.post('read https://example.com/x')).comment.status).toBe('held');
    expect((await veteran.thread.post('no link here')).comment.status).toBe('visible');
    await settings({ premod: 'all' });
    expect((await veteran.thread.post('everything waits')).comment.status).toBe('held');
    const held = (await veteran.thread.post('approve me')).comment;
    const ctx = await must<{ comment: ModComment }>(mod.socket, 'mod:context', { commentId: held.id });
    const approved = await must<ModComment>(mod.socket, 'mod:action', {
      commentId: held.id,
      action: 'approve',
      expectedVersion: ctx.comment.modVersion,
    });
    expect(approved).toMatchObject({ status: 'visible', approved: true });
    await settings({ premod: 'off', commentsOpen: false });
    await expect(veteran.thread.post('closed?')).rejects.toMatchObject({ code: 'COMMENTS_CLOSED' });
    await settings({ commentsOpen: true });
  });

  it('holds a comment automatically after the configured number of reports', async () => {
    await settings({ reportThreshold: 2 });
    const author = await reader('Reported Author');
    const { comment } = await author.thread.post('a contested opinion');
    const first = await reader('Reporter One');
    const second = await reader('Reporter Two');
    expect(await must(first.socket, 'comment:report', { commentId: comment.id, reason: 'abuse' })).toEqual({
      reportCount: 1,
      held: false,
    });
    expect((await ask(first.socket, 'comment:report', { commentId: comment.id, reason: 'spam' })).ok).toBe(false);
    expect(
      await must(second.socket, 'comment:report', {
        commentId: comment.id,
        reason: 'off_topic',
        note: 'not about the article',
      }),
    ).toEqual({ reportCount: 2, held: true });
    const stored = await t.parley.deps.store.getComment(comment.id);
    expect(stored).toMatchObject({ status: 'held', holdReason: '2 reports', reportCount: 2 });
    const guest = await connectSocket(t.url, null);
    expect((await ask(guest, 'comment:report', { commentId: comment.id, reason: 'spam' })).ok).toBe(false);
    guest.close();
    await settings({ reportThreshold: 3 });
  });
});
