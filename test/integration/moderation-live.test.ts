/** Removals reach every open screen and leave no trace for newcomers; concurrent moderators; the desk. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleChange, ArticleSnapshot, SyncResult } from '../../shared/events.js';
import type { ModComment } from '../../shared/types.js';
import { connectSocket, eventually, newUser, onLiveChanges, openReader, type Reader } from '../helpers/live.js';
import { ask, moderatorSocket, must } from '../helpers/moderation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { moderatorRoom } from '../../server/realtime/types.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
const SECRET = 'This sentence must never reach a reader after removal 7f3a';
let t: TestServer;
const open: Reader[] = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000' });
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

describe('removal', () => {
  it('reaches 200 connected readers, and a reader who joins later gets no trace of the body', async () => {
    const author = await openReader(t.url, SLUG, await newUser(t.url, 'Offender'));
    open.push(author);
    const { comment } = await author.thread.post(SECRET);
    const reply = await author.thread.post('a reply that stays', comment.id);

    const sockets = await Promise.all(Array.from({ length: 200 }, () => connectSocket(t.url, null)));
    try {
      const seen = new Map<string, ArticleChange>();
      for (const s of sockets) {
        onLiveChanges(s, (change) => {
          if (change.comment.id === comment.id) seen.set(s.id!, change);
        });
      }
      const snapshots = await Promise.all(sockets.map((s) => must<ArticleSnapshot>(s, 'article:join', { slug: SLUG })));
      expect(snapshots.every((snap) => JSON.stringify(snap).includes(SECRET))).toBe(true);

      const mod = await moderatorSocket(t.url);
      await must(mod.socket, 'article:join', { slug: SLUG });
      const removed = await must<ModComment>(mod.socket, 'mod:action', {
        commentId: comment.id,
        action: 'remove',
        reason: 'abuse',
        expectedVersion: 0,
      });
      expect(removed).toMatchObject({ status: 'removed', body: SECRET, removedReason: 'abuse' });

      await eventually(() => seen.size === 200, 'the removal at all 200 readers');
      for (const change of seen.values()) {
        expect(change).toMatchObject({
          kind: 'comment.removed',
          comment: { status: 'removed', body: '', authorName: '' },
        });
        expect(JSON.stringify(change)).not.toContain(SECRET);
      }
      mod.socket.close();
    } finally {
      for (const s of sockets) s.close();
    }

    // A newcomer: snapshot, every page, and a sync from the very start.
    const late = await connectSocket(t.url, null);
    try {
      const snapshot = await must<ArticleSnapshot>(late, 'article:join', { slug: SLUG });
      const sync = await must<SyncResult>(late, 'article:sync', { articleId: snapshot.articleId, sinceSeq: 0 });
      const replies = await must(late, 'thread:page', { articleId: snapshot.articleId, parentId: comment.id });
      for (const payload of [snapshot, sync, replies]) expect(JSON.stringify(payload)).not.toContain(SECRET);
      expect(snapshot.comments.find((c) => c.id === comment.id)).toMatchObject({ status: 'removed', body: '' });
      expect(JSON.stringify(snapshot)).toContain('a reply that stays');
      expect(reply.comment.parentId).toBe(comment.id);
      const http = await fetch(`${t.url}/api/articles/${SLUG}/comments?sort=new&limit=100`).then((r) => r.text());
      expect(http).not.toContain(SECRET);
    } finally {
      late.close();
    }
    // The author's own screen shows the removal but keeps their own words.
    await eventually(() => author.thread.state.comments.get(comment.id)?.status === 'removed', 'removal at the author');
    expect(author.thread.state.comments.get(comment.id)?.body).toBe(SECRET);
  }, 60_000);
});

describe('two moderators at once', () => {
  it('lets exactly one action win, answers the other with ALREADY_HANDLED, and audits once', async () => {
    const author = await openReader(t.url, SLUG, await newUser(t.url, 'Contested'));
    open.push(author);
    const { comment } = await author.thread.post('Contested comment');
    const one = await moderatorSocket(t.url);
    const admin = await connectSocket(
      t.url,
      (
        await fetch(`${t.url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'admin', password: 'parley-admin' }),
        }).then((r) => r.json())
      ).accessToken,
    );
    try {
      await must(one.socket, 'mod:watch', {});
      const updates: Array<{ actorName: string | null; action: string | null }> = [];
      one.socket.on('mod:update', (u) => {
        if (u.comment.id === comment.id) updates.push({ actorName: u.actorName, action: u.action });
      });
      const [a, b] = await Promise.all([
        ask(one.socket, 'mod:action', { commentId: comment.id, action: 'remove', reason: 'spam', expectedVersion: 0 }),
        ask(admin, 'mod:action', { commentId: comment.id, action: 'approve', expectedVersion: 0 }),
      ]);
      const results = [a, b];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(loser.ok ? null : loser.error.code).toBe('ALREADY_HANDLED');
      const audit = await must<{ items: unknown[] }>(one.socket, 'mod:audit', { commentId: comment.id });
      expect(audit.items).toHaveLength(1);
      // The desk hears who handled it, so the item shows as handled for everyone at once.
      await eventually(() => updates.some((u) => u.actorName !== null), 'handled notice on the desk');
      expect(updates.find((u) => u.actorName)!.actorName).toMatch(/moderator|admin/);
    } finally {
      one.socket.close();
      admin.close();
    }
  });
});

describe('role changes on open connections', () => {
  it('stops sending hidden bodies to a moderator the moment they are demoted', async () => {
    const { api, signInAs } = await import('../helpers/server.js');
    const admin = await signInAs(t.url, 'admin');
    const reg = await api(t.url, '/api/auth/register', { body: { name: 'Temp Moderator', password: 'password-123' } });
    await api(t.url, `/api/users/${reg.body.user.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'moderator' },
    });
    const tempMod = await connectSocket(t.url, reg.body.accessToken);
    const author = await openReader(t.url, SLUG, await newUser(t.url, 'Demotion Author'));
    open.push(author);
    const mod = await moderatorSocket(t.url);
    try {
      const { articleId } = await must<ArticleSnapshot>(tempMod, 'article:join', { slug: SLUG });
      const bodies: string[] = [];
      onLiveChanges(tempMod, (change) => {
        if (change.kind === 'comment.removed') bodies.push(change.comment.body);
      });
      const first = (await author.thread.post('removed while a moderator')).comment;
      await must(mod.socket, 'mod:action', {
        commentId: first.id,
        action: 'remove',
        reason: 'test',
        expectedVersion: 0,
      });
      await eventually(() => bodies.length === 1, 'first removal');
      expect(bodies[0]).toBe('removed while a moderator');

      // The server moves a demoted moderator's open connections out of the article's moderators'
      // room when it hears of the change: wait for that move, not for a while.
      const inModeratorRoom = async () =>
        (await t.parley.realtime.io.in(moderatorRoom(articleId)).fetchSockets()).some((s) => s.id === tempMod.id);
      expect(await inModeratorRoom()).toBe(true);
      await api(t.url, `/api/users/${reg.body.user.id}/role`, {
        method: 'PATCH',
        token: admin,
        body: { role: 'reader' },
      });
      await eventually(async () => !(await inModeratorRoom()), 'the demoted moderator to leave the moderators’ room');
      const second = (await author.thread.post('removed after the demotion')).comment;
      await must(mod.socket, 'mod:action', {
        commentId: second.id,
        action: 'remove',
        reason: 'test',
        expectedVersion: 0,
      });
      await eventually(() => bodies.length === 2, 'second removal');
      expect(bodies[1]).toBe('');
      expect((await ask(tempMod, 'mod:queue', { queue: 'removed' })).ok).toBe(false);
    } finally {
      tempMod.close();
      mod.socket.close();
    }
  });
});
