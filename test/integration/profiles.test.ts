/** Profiles, staff badges and the moderators' context (issue 15): what each viewer sees, live audit, undo. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView } from '../../shared/moderation.js';
import type { Profile } from '../../shared/profiles.js';
import type { ArticleChange } from '../../shared/events.js';
import type { ModComment, Sanction } from '../../shared/types.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { connectSocket, eventually, newUser, onLiveChanges, openReader, type Reader } from '../helpers/live.js';
import { ask, moderatorSocket, must } from '../helpers/moderation.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextMillisecond } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Array<{ close(): void }> = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000' });
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

/** A second moderator: a new account an admin promotes, signed in again for a token with the role. */
async function secondModerator(name: string): Promise<{ socket: ParleyClientSocket; token: string; id: string }> {
  const user = await newUser(t.url, name);
  const admin = await signInAs(t.url, 'admin');
  const promoted = await api(t.url, `/api/users/${user.userId}/role`, {
    method: 'PATCH',
    token: admin,
    body: { role: 'moderator' },
  });
  expect(promoted.status).toBe(200);
  const signIn = await api(t.url, '/api/auth/sign-in', { body: { name, password: 'password-for-tests' } });
  const token = signIn.body.accessToken as string;
  const socket = await connectSocket(t.url, token);
  open.push({ close: () => socket.close() });
  return { socket, token, id: user.userId };
}

async function reader(name: string): Promise<Reader & { userId: string; token: string }> {
  const user = await newUser(t.url, name);
  const r = await openReader(t.url, SLUG, user);
  open.push(r);
  return { ...r, userId: user.userId, token: user.token };
}

describe('profiles', () => {
  it('shows a reader only visible comments, a moderator held and removed ones marked, nobody deleted ones', async () => {
    const author = await reader('Profiled Writer');
    const kept = (await author.thread.post('A comment everyone may read on the profile')).comment;
    await nextMillisecond(); // listed newest first: not stamped in the same millisecond
    const removed = (await author.thread.post('A comment a moderator will remove 41x')).comment;
    const deleted = (await author.thread.post('A comment its author deletes')).comment;
    await author.thread.remove(deleted.id);
    const mod = await moderatorSocket(t.url);
    open.push({ close: () => mod.socket.close() });
    await must(mod.socket, 'mod:action', {
      commentId: removed.id,
      action: 'remove',
      reason: 'abuse',
      expectedVersion: 0,
    });

    const path = `/api/users/by-name/${encodeURIComponent('profiled writer')}/profile`;
    const asGuest = await api(t.url, path);
    expect(asGuest.status).toBe(200);
    const guestProfile = asGuest.body as Profile;
    expect(guestProfile.user).toMatchObject({ id: author.userId, name: 'Profiled Writer', role: 'reader' });
    expect(Date.parse(guestProfile.user.joinedAt)).not.toBeNaN();
    expect(guestProfile.comments.map((c) => c.comment.id)).toEqual([kept.id]);
    expect(guestProfile.comments[0]!.article.slug).toBe(SLUG);
    expect(JSON.stringify(guestProfile)).not.toContain('41x');

    const asReader = (await api(t.url, path, { token: (await newUser(t.url, 'Curious Reader')).token }))
      .body as Profile;
    expect(asReader.comments.map((c) => c.comment.id)).toEqual([kept.id]);

    const asMod = (await api(t.url, path, { token: mod.token })).body as Profile;
    expect(asMod.comments.map((c) => [c.comment.id, c.comment.status])).toEqual([
      [removed.id, 'removed'],
      [kept.id, 'visible'],
    ]);
    expect(asMod.comments[0]!.comment.body).toContain('41x');
    expect(JSON.stringify(asMod)).not.toContain(deleted.id);
  });

  it('answers 404 with a code for an unknown name, and 400 for a bad query', async () => {
    const missing = await api(t.url, '/api/users/by-name/nobody-by-this-name/profile');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await api(t.url, '/api/users/by-name/reader/profile?limit=9999');
    expect(bad.status).toBe(400);
  });

  it('gives roles as badges', async () => {
    const profile = (await api(t.url, '/api/users/by-name/moderator/profile')).body as Profile;
    expect(profile.badges).toContain('moderator');
    expect((await api(t.url, '/api/users/by-name/reader/profile')).body.badges).toEqual([]);
  });
});

describe('staff badges', () => {
  it('marks a moderator’s comment, live and in the thread, and not a reader’s', async () => {
    const token = await signInAs(t.url, 'moderator');
    const me = await api(t.url, '/api/me', { token });
    const modReader = await openReader(t.url, SLUG, { token, userId: me.body.user.id });
    open.push(modReader);
    const watcher = await openReader(t.url, SLUG);
    open.push(watcher);
    const seen: ArticleChange[] = [];
    onLiveChanges(watcher.socket, (c) => seen.push(c));

    const posted = await modReader.thread.post('Speaking as a moderator: keep it civil.');
    expect(posted.comment.authorBadge).toBe('moderator');
    await eventually(() => seen.some((c) => c.comment.id === posted.comment.id), 'the moderator’s comment live');
    expect(seen.find((c) => c.comment.id === posted.comment.id)!.comment.authorBadge).toBe('moderator');

    const plain = await (await reader('Plain Reader')).thread.post('Just a reader here.');
    expect(plain.comment.authorBadge).toBeUndefined();

    const page = await api(t.url, `/api/articles/${SLUG}/comments?sort=new&limit=50`);
    const listed = (page.body.items as ModComment[]).find((c) => c.id === posted.comment.id);
    expect(listed?.authorBadge).toBe('moderator');
  });
});

describe('audit log and undo', () => {
  it('names the comment, user and article, and reaches a second moderator’s desk live', async () => {
    const author = await reader('Audited Author');
    const comment = (await author.thread.post('Words that the audit log should quote back 88q')).comment;
    const first = await moderatorSocket(t.url);
    open.push({ close: () => first.socket.close() });
    const second = await secondModerator('Second Desk');
    await must(first.socket, 'mod:watch', {});
    await must(second.socket, 'mod:watch', {});
    const heard: AuditView[] = [];
    second.socket.on('mod:audited', (entry) => heard.push(entry));

    await must(first.socket, 'mod:action', {
      commentId: comment.id,
      action: 'remove',
      reason: 'spam',
      expectedVersion: 0,
    });
    await eventually(() => heard.some((e) => e.commentId === comment.id), 'the audit entry at the second desk');
    const entry = heard.find((e) => e.commentId === comment.id)!;
    expect(entry).toMatchObject({
      action: 'remove',
      actorName: 'moderator',
      reason: 'spam',
      comment: { id: comment.id, status: 'removed' },
      targetUser: { id: author.userId, name: 'Audited Author' },
      article: { slug: SLUG },
    });
    expect(entry.comment!.excerpt).toContain('88q');
    expect(entry.article!.title.length).toBeGreaterThan(0);

    const log = await must<{ items: AuditView[] }>(second.socket, 'mod:audit', { commentId: comment.id });
    expect(log.items[0]).toMatchObject({ comment: { excerpt: expect.stringContaining('88q') } });
  });

  it('undoes a removal, audits the undo as its own entry, and refuses a second undo', async () => {
    const author = await reader('Undo Author');
    const comment = (await author.thread.post('A comment removed by mistake')).comment;
    const mod = await moderatorSocket(t.url);
    open.push({ close: () => mod.socket.close() });
    const other = await secondModerator('Other Undo Desk');
    await must(mod.socket, 'mod:watch', {});
    await must(other.socket, 'mod:watch', {});
    const heard: AuditView[] = [];
    mod.socket.on('mod:audited', (e) => heard.push(e));
    await must(mod.socket, 'mod:action', {
      commentId: comment.id,
      action: 'remove',
      reason: 'oops',
      expectedVersion: 0,
    });
    await eventually(() => heard.some((e) => e.commentId === comment.id && e.action === 'remove'), 'own entry');
    const removal = heard.find((e) => e.commentId === comment.id && e.action === 'remove')!;

    // Another moderator cannot undo it: it is not theirs.
    const refused = await ask(other.socket, 'mod:undo', { auditId: removal.id });
    expect(refused.ok).toBe(false);

    await nextMillisecond(); // the audit log lists newest first
    const undo = await must<AuditView>(mod.socket, 'mod:undo', { auditId: removal.id });
    expect(undo).toMatchObject({ action: 'undo', commentId: comment.id, reason: 'undo of remove' });
    expect(undo.before).toMatchObject({ status: 'removed' });
    expect(undo.after).toMatchObject({ status: 'visible' });
    await eventually(
      () => author.thread.state.comments.get(comment.id)?.status === 'visible',
      'restored at the author',
    );
    const context = await must<{ comment: ModComment; audit: AuditView[] }>(mod.socket, 'mod:context', {
      commentId: comment.id,
    });
    expect(context.comment.status).toBe('visible');
    expect(context.audit.map((e) => e.action)).toEqual(['undo', 'remove']);

    const again = await ask(mod.socket, 'mod:undo', { auditId: removal.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_HANDLED' } });
  });

  it('undoes an approval back to pending, and a mute by lifting it', async () => {
    const target = await reader('Undo Sanctioned');
    const mod = await moderatorSocket(t.url);
    open.push({ close: () => mod.socket.close() });
    const { sanction } = await must<{ sanction: Sanction }>(mod.socket, 'mod:sanction', {
      userId: target.userId,
      kind: 'mute',
      reason: 'cool off',
      minutes: 30,
    });
    const log = await must<{ items: AuditView[] }>(mod.socket, 'mod:audit', { userId: target.userId });
    const muted = log.items.find((e) => e.action === 'sanction.mute')!;
    expect(muted.targetUser?.name).toBe('Undo Sanctioned');
    const undo = await must<AuditView>(mod.socket, 'mod:undo', { auditId: muted.id });
    expect(undo).toMatchObject({ action: 'undo', targetUserId: target.userId, reason: 'undo of sanction.mute' });
    const standing = await must<{ active: Sanction[] }>(target.socket, 'account:standing', {});
    expect(standing.active.map((s) => s.id)).not.toContain(sanction.id);

    // Held by a moderator, approved, then the approval undone: back in the pending queue.
    const comment = (await target.thread.post('Held, approved, and back to pending')).comment;
    const held = await must<ModComment>(mod.socket, 'mod:action', {
      commentId: comment.id,
      action: 'hold',
      expectedVersion: 0,
    });
    await must(mod.socket, 'mod:action', {
      commentId: comment.id,
      action: 'approve',
      expectedVersion: held.modVersion,
    });
    const approval = (await must<{ items: AuditView[] }>(mod.socket, 'mod:audit', { commentId: comment.id })).items[0]!;
    expect(approval.action).toBe('approve');
    await must(mod.socket, 'mod:undo', { auditId: approval.id });
    const pending = await must<{ items: Array<{ comment: ModComment }> }>(mod.socket, 'mod:queue', {
      queue: 'pending',
    });
    expect(pending.items.map((i) => i.comment.id)).toContain(comment.id);
  });

  it('counts report reasons on the queue item', async () => {
    const author = await reader('Reported Author');
    const comment = (await author.thread.post('A comment some find off topic')).comment;
    for (const [i, reason] of (['off_topic', 'off_topic', 'spam'] as const).entries()) {
      const r = await newUser(t.url, `Reporter ${i}`);
      const s = await connectSocket(t.url, r.token);
      open.push({ close: () => s.close() });
      await must(s, 'comment:report', { commentId: comment.id, reason });
    }
    const mod = await moderatorSocket(t.url);
    open.push({ close: () => mod.socket.close() });
    const queue = await must<{ items: Array<{ comment: ModComment; reasons?: Record<string, number> }> }>(
      mod.socket,
      'mod:queue',
      // The third report reaches the article's threshold and holds it for a moderator.
      { queue: 'pending' },
    );
    expect(queue.items.find((i) => i.comment.id === comment.id)?.reasons).toEqual({ off_topic: 2, spam: 1 });
  });
});
