/** Two readers, a guest and real socket.io clients against a server on port 0. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveError } from '../../client/src/realtime/requests.js';
import { eventually, newUser, openReader, type Reader } from '../helpers/live.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { nextEvent, waitUntil } from '../helpers/wait.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Reader[] = [];
const reader = async (user: { token: string; userId: string } | null) => {
  const r = await openReader(t.url, SLUG, user);
  open.push(r);
  return r;
};

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' });
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

describe('live discussion', () => {
  it('pushes comments and replies to other readers without asking', async () => {
    const ayesha = await reader(await newUser(t.url, 'Ayesha'));
    const bilal = await reader(await newUser(t.url, 'Bilal'));
    const guest = await reader(null);

    const top = await ayesha.thread.post('Kabul must act against the TTP first.');
    await eventually(() => bilal.thread.state.comments.has(top.comment.id), 'comment at Bilal');
    await eventually(() => guest.thread.state.comments.has(top.comment.id), 'comment at the guest');
    expect(bilal.thread.state.pendingTop).toContain(top.comment.id);
    expect(ayesha.thread.state.top[0]).toBe(top.comment.id);

    const reply = await bilal.thread.post('اسلام آباد کو بھی ذمہ داری لینی ہوگی', top.comment.id);
    await eventually(
      () => ayesha.thread.state.comments.get(reply.comment.id)?.body === 'اسلام آباد کو بھی ذمہ داری لینی ہوگی',
      'reply at Ayesha',
    );
    expect(ayesha.thread.state.pendingReplies.get(top.comment.id)).toEqual([reply.comment.id]);
    const nested = await ayesha.thread.post('Both, then.', reply.comment.id);
    expect(nested.comment).toMatchObject({ depth: 2, rootId: top.comment.id });
    await eventually(() => bilal.thread.state.comments.has(nested.comment.id), 'nested reply at Bilal');
    expect(bilal.thread.syncCount).toBe(0);
  });

  it('lets guests read but not write or vote', async () => {
    const guest = await reader(null);
    const author = await reader(await newUser(t.url, 'Writer'));
    const c = await author.thread.post('A comment for the guest');
    await expect(guest.thread.post('guest words')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(guest.thread.vote(c.comment.id, 1)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("edits within the window, deletes with a placeholder, and refuses other people's comments", async () => {
    const owner = await reader(await newUser(t.url, 'Owner'));
    const other = await reader(await newUser(t.url, 'Other'));
    const c = await owner.thread.post('first words');
    const reply = await other.thread.post('a reply that must survive', c.comment.id);
    await owner.thread.edit(c.comment.id, 'second words');
    await eventually(() => other.thread.state.comments.get(c.comment.id)?.body === 'second words', 'edit at Other');
    expect(other.thread.state.comments.get(c.comment.id)?.editedAt).not.toBeNull();
    await expect(other.thread.edit(c.comment.id, 'hijack')).rejects.toMatchObject({ code: 'NOT_AUTHOR' });
    await expect(other.thread.remove(c.comment.id)).rejects.toMatchObject({ code: 'NOT_AUTHOR' });
    await owner.thread.remove(c.comment.id);
    await eventually(() => other.thread.state.comments.get(c.comment.id)?.status === 'deleted', 'delete at Other');
    expect(other.thread.state.comments.get(c.comment.id)?.body).toBe('');
    expect(other.thread.state.comments.get(reply.comment.id)?.body).toBe('a reply that must survive');
    await expect(owner.thread.edit(c.comment.id, 'too late')).rejects.toMatchObject({ code: 'COMMENT_NOT_VISIBLE' });
    await expect(other.thread.post('reply to deleted', c.comment.id)).rejects.toMatchObject({
      code: 'COMMENT_NOT_VISIBLE',
    });
  });

  it('refuses edits after the window closes', async () => {
    const late = await startTestServer({ EDIT_WINDOW_SECONDS: '0' });
    try {
      const r = await openReader(late.url, SLUG, await newUser(late.url, 'Late'));
      const c = await r.thread.post('cannot edit me');
      // A window of 0 s closes once the clock (this process's, the server's too) passes the post's time.
      await waitUntil(() => Date.now() > Date.parse(c.comment.createdAt), 'the clock to pass the post');
      await expect(r.thread.edit(c.comment.id, 'edited')).rejects.toBeInstanceOf(LiveError);
      await expect(r.thread.edit(c.comment.id, 'edited')).rejects.toMatchObject({ code: 'EDIT_WINDOW_CLOSED' });
      r.close();
    } finally {
      await late.destroy();
    }
  });

  it('shows how many people are reading, live', async () => {
    const u = await newUser(t.url, 'Counter');
    const a = await reader(u);
    const before = a.thread.state.readers;
    const extra = await openReader(t.url, SLUG, null);
    await eventually(() => a.thread.state.readers === before + 1, 'presence up');
    // The same person in a second tab is one reader, not two. Nothing else joins or leaves now, and
    // every join makes the server announce the count soon after, so the next announcement counts
    // the second tab (listen before it joins: the announcement may beat the join's own answer here).
    const announced = nextEvent<{ readers: number }>(a.socket, 'presence:update');
    const sameUser = await openReader(t.url, SLUG, u);
    expect((await announced).readers).toBe(before + 1);
    expect(a.thread.state.readers).toBe(before + 1);
    extra.close();
    sameUser.close();
    await eventually(() => a.thread.state.readers === before, 'presence down');
  });

  it('pages the thread in every sort order over the socket', async () => {
    const admin = await signInAs(t.url, 'admin');
    const made = await api(t.url, '/api/articles', {
      token: admin,
      body: { slug: 'paging', title: 'Paging', body: 'x' },
    });
    expect(made.status).toBe(201);
    const writer = await openReader(t.url, 'paging', await newUser(t.url, 'Pager'));
    for (let i = 0; i < 45; i++) await writer.thread.post(`comment ${i}`);
    const r = await openReader(t.url, 'paging', null);
    open.push(r);
    for (const sort of ['best', 'top', 'new', 'old', 'controversial'] as const) {
      await r.thread.join('paging', sort);
      expect(r.thread.state.top).toHaveLength(30);
      await r.thread.loadMore();
      expect(r.thread.state.top, sort).toHaveLength(45);
      expect(r.thread.state.next).toBeNull();
      expect(new Set(r.thread.state.top).size).toBe(45);
      const bodies = r.thread.state.top.map((id) => r.thread.state.comments.get(id)!.body);
      if (sort === 'old') expect(bodies.slice(0, 2)).toEqual(['comment 0', 'comment 1']);
      if (sort === 'new') expect(bodies.slice(0, 2)).toEqual(['comment 44', 'comment 43']);
    }
    writer.close();
  });
});

describe('rate limit and slow mode', () => {
  it('refuses a reader who posts too fast, and enforces slow mode per article', async () => {
    const strict = await startTestServer({ COMMENTS_PER_MINUTE: '3' });
    try {
      const r = await openReader(strict.url, SLUG, await newUser(strict.url, 'Fast'));
      for (let i = 0; i < 3; i++) await r.thread.post(`quick ${i}`);
      await expect(r.thread.post('one too many')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      r.close();

      const moderator = await signInAs(strict.url, 'moderator');
      const article = (await api(strict.url, `/api/articles/${SLUG}`)).body.article;
      const patched = await api(strict.url, `/api/mod/articles/${article.id}/settings`, {
        method: 'PATCH',
        token: moderator,
        body: { slowModeSeconds: 60 },
      });
      expect(patched.body.settings).toMatchObject({ slowModeSeconds: 60 });
      const slow = await openReader(strict.url, SLUG, await newUser(strict.url, 'Patient'));
      expect(slow.thread.state.slowModeSeconds).toBe(60);
      await slow.thread.post('first under slow mode');
      await expect(slow.thread.post('second too soon')).rejects.toMatchObject({ code: 'SLOW_MODE' });
      slow.close();
    } finally {
      await strict.destroy();
    }
  });
});
