import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleSnapshot } from '../../../shared/events.js';
import { FakeSocket, ok, refusal } from '../testing/fake-socket.js';
import { ARTICLE_ID, SLUG, change, comment, created, reply, snapshot } from '../testing/fixtures.js';
import { flushPromises } from '../testing/flush.js';
import { LiveThread } from './live-thread.js';
import { LiveError } from './requests.js';
import { encodeBatch, encodeChange } from '../../../shared/wire.js';

let fake: FakeSocket;

/** A thread joined to a snapshot at `seq` (with the given comments), its socket connected. */
async function joined(
  seq = 2,
  comments = [comment(1), comment(2)],
  extra: Partial<ArticleSnapshot> = {},
  selfId: string | null = 'me',
) {
  const thread = new LiveThread(fake.socket, selfId);
  fake.respond('article:join', () => ok(snapshot(seq, comments, extra)));
  await thread.join(SLUG);
  fake.unrespond('article:join');
  return thread;
}

beforeEach(() => {
  fake = new FakeSocket();
  fake.connected = true;
  fake.active = true;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveThread joining', () => {
  it('joins with the slug and sort, loads the snapshot and tells subscribers', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const listener = vi.fn();
    thread.subscribe(listener);
    fake.respond('article:join', () => ok(snapshot(2, [comment(1), comment(2)], { readers: 7, totalComments: 2 })));

    await thread.join(SLUG, 'new');

    expect(fake.sentOf('article:join')).toEqual([{ slug: SLUG, sort: 'new' }]);
    expect(thread.state.articleId).toBe(ARTICLE_ID);
    expect(thread.state.seq).toBe(2);
    expect(thread.state.top).toEqual(['c1', 'c2']);
    expect(thread.state.readers).toBe(7);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(thread.version).toBe(1);
  });

  it("joins with 'best' order and no position by default, waiting at most ten seconds for the answer", async () => {
    const thread = new LiveThread(fake.socket, null);
    const joining = thread.join(SLUG);
    const request = fake.only('article:join');
    expect(request.payload).toEqual({ slug: SLUG, sort: 'best' });
    expect(request.timeoutMs).toBe(10_000);
    request.reply(snapshot(0));
    await joining;
    expect(thread.state.positionFilter).toBeNull();
  });

  it('asks only for the comments of a position when one is given, and remembers the filter', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(0)));
    await thread.join(SLUG, 'top', 'pos-a');
    expect(fake.sentOf('article:join')).toEqual([{ slug: SLUG, sort: 'top', positionId: 'pos-a' }]);
    expect(thread.state.positionFilter).toBe('pos-a');
  });

  it("rejects with a LiveError carrying the server's code when the join is refused", async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const listener = vi.fn();
    thread.subscribe(listener);
    fake.respond('article:join', () => refusal('NOT_FOUND', 'No such article.'));

    const failure = await thread.join('nope').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(LiveError);
    expect(failure).toMatchObject({ name: 'LiveError', code: 'NOT_FOUND', message: 'No such article.' });
    expect((failure as LiveError).error).toEqual({ code: 'NOT_FOUND', message: 'No such article.' });
    expect(thread.state.articleId).toBe('');
    expect(listener).not.toHaveBeenCalled();
  });

  it('rejects with a plain error when no acknowledgement comes in time', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const joining = thread.join(SLUG);
    fake.only('article:join').timeOut();
    await expect(joining).rejects.toThrow('operation has timed out');
    await expect(joining).rejects.not.toBeInstanceOf(LiveError);
  });

  it('keeps live changes that arrive before the snapshot and applies those newer than it', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const joining = thread.join(SLUG);
    fake.serverEmit('article:change', encodeChange(created(2)));
    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.only('article:join').reply(snapshot(2, [comment(1), comment(2)]));
    await joining;
    expect(thread.state.seq).toBe(3);
    expect(thread.state.pendingTop).toEqual(['c3']);
  });

  it('unsubscribing stops the notifications', async () => {
    const thread = await joined();
    const listener = vi.fn();
    const unsubscribe = thread.subscribe(listener);
    fake.serverEmit('article:change', encodeChange(created(3)));
    unsubscribe();
    fake.serverEmit('article:change', encodeChange(created(4)));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(thread.state.seq).toBe(4);
  });
});

describe('LiveThread live changes', () => {
  it('applies changes in seq order and bumps the version for each', async () => {
    const thread = await joined();
    const before = thread.version;
    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.serverEmit('article:change', encodeChange(created(4, { authorId: 'me' })));
    expect(thread.state.seq).toBe(4);
    expect(thread.state.top).toEqual(['c4', 'c1', 'c2']);
    expect(thread.state.pendingTop).toEqual(['c3']);
    expect(thread.version).toBe(before + 2);
  });

  it('applies a batch of a busy tick in seq order and draws once', async () => {
    const thread = await joined();
    const listener = vi.fn();
    thread.subscribe(listener);
    // A batch whose first change is a duplicate and whose last two arrive out of order.
    fake.serverEmit('article:changes', encodeBatch(ARTICLE_ID, [created(2), created(3), created(5), created(4)]));
    expect(thread.state.seq).toBe(5);
    expect(thread.state.pendingTop).toEqual(['c3', 'c4', 'c5']);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('ignores duplicates and changes of other articles without notifying', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(3)));
    const listener = vi.fn();
    thread.subscribe(listener);
    const version = thread.version;

    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.serverEmit('article:change', encodeChange(created(2)));
    fake.serverEmit('article:change', encodeChange({ ...created(4), articleId: 'another' }));

    expect(listener).not.toHaveBeenCalled();
    expect(thread.version).toBe(version);
    expect(thread.state.seq).toBe(3);
    expect(thread.state.pendingTop).toEqual(['c3']);
  });

  it('keeps an edit of a known comment in place, with the tally it already had', async () => {
    const thread = await joined(2, [comment(1, { upvotes: 4 }), comment(2)]);
    fake.serverEmit(
      'article:change',
      encodeChange(change(3, 'comment.edited', comment(1, { body: 'edited', editedAt: 'x' }))),
    );
    expect(thread.state.comments.get('c1')).toMatchObject({ body: 'edited', upvotes: 4 });
    expect(thread.state.top).toEqual(['c1', 'c2']);
  });
});

describe('LiveThread gaps', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('waits a grace period for a missing change, then syncs from the last applied seq', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(4)));
    expect(thread.state.seq).toBe(2);
    expect(thread.state.hasGap()).toBe(true);

    await vi.advanceTimersByTimeAsync(149);
    expect(fake.pending('article:sync')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);

    const sync = fake.only('article:sync');
    expect(sync.payload).toEqual({ articleId: ARTICLE_ID, sinceSeq: 2, sort: 'best' });
    expect(thread.syncCount).toBe(1);
    sync.reply({ kind: 'changes', seq: 4, changes: [created(3), created(4)] });
    await flushPromises();

    expect(thread.state.seq).toBe(4);
    expect(thread.state.hasGap()).toBe(false);
    expect(thread.state.pendingTop).toEqual(['c3', 'c4']);
  });

  it('does not sync when the missing change arrives within the grace period', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(4)));
    await vi.advanceTimersByTimeAsync(100);
    fake.serverEmit('article:change', encodeChange(created(3)));
    expect(thread.state.seq).toBe(4);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.sentOf('article:sync')).toHaveLength(0);
    expect(thread.syncCount).toBe(0);
  });

  it('starts one timer and one sync however many changes arrive early', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(4)));
    await vi.advanceTimersByTimeAsync(50);
    fake.serverEmit('article:change', encodeChange(created(5)));
    fake.serverEmit('article:change', encodeChange(created(6)));
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.sentOf('article:sync')).toHaveLength(1);
    // A sync asked for by hand while one runs shares it.
    const again = thread.sync();
    expect(fake.sentOf('article:sync')).toHaveLength(1);
    fake.only('article:sync').reply({ kind: 'changes', seq: 6, changes: [created(3)] });
    await again;
    expect(thread.syncCount).toBe(1);
    expect(thread.state.seq).toBe(6);
    expect(thread.state.hasGap()).toBe(false);
  });

  it('filters the sync by the position the thread shows', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(1, [comment(1, { positionId: 'pos-a' })])));
    await thread.join(SLUG, 'new', 'pos-a');
    fake.serverEmit('article:change', encodeChange(created(3, { positionId: 'pos-a' })));
    await vi.advanceTimersByTimeAsync(150);
    expect(fake.only('article:sync').payload).toEqual({
      articleId: ARTICLE_ID,
      sinceSeq: 1,
      sort: 'best',
      positionId: 'pos-a',
    });
  });

  it('survives a failed sync and syncs again on the next gap', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(4)));
    await vi.advanceTimersByTimeAsync(150);
    fake.only('article:sync').refuse('STORE_UNAVAILABLE');
    await flushPromises();
    expect(thread.state.seq).toBe(2);

    // The next early arrival starts a new grace period, and the sync that follows fills the gap.
    fake.serverEmit('article:change', encodeChange(created(5)));
    await vi.advanceTimersByTimeAsync(150);
    fake.only('article:sync').reply({ kind: 'changes', seq: 5, changes: [created(3)] });
    await flushPromises();
    expect(thread.syncCount).toBe(2);
    expect(thread.state.seq).toBe(5);
  });

  it('rejects a sync called by hand when it is refused, and lets the next one run', async () => {
    const thread = await joined();
    fake.respond('article:sync', () => refusal('RATE_LIMITED'));
    await expect(thread.sync()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    fake.respond('article:sync', () => ok({ kind: 'changes', seq: 2, changes: [] }));
    await thread.sync();
    expect(thread.syncCount).toBe(2);
  });

  it('starts over from a snapshot when the server answers the sync with one', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(9)));
    await vi.advanceTimersByTimeAsync(150);
    fake.only('article:sync').reply({ kind: 'snapshot', snapshot: snapshot(20, [comment(15), comment(20)]) });
    await flushPromises();
    expect(thread.state.seq).toBe(20);
    expect(thread.state.top).toEqual(['c15', 'c20']);
    expect(thread.state.hasGap()).toBe(false);
  });

  it('moves past seqs the server cannot show, so they do not hold the reader back', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(5)));
    await vi.advanceTimersByTimeAsync(150);
    fake.only('article:sync').reply({ kind: 'changes', seq: 4, changes: [created(3)] });
    await flushPromises();
    expect(thread.state.seq).toBe(5);
    expect(thread.state.hasGap()).toBe(false);
  });

  it('drops the grace timer on close, so a closed thread never syncs', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(4)));
    thread.close();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.sentOf('article:sync')).toHaveLength(0);
  });
});

describe('LiveThread reconnects', () => {
  it('syncs only, after a reconnect that recovered the session', async () => {
    const thread = await joined();
    fake.respond('article:sync', () => ok({ kind: 'changes', seq: 3, changes: [created(3)] }));
    fake.simulateConnect({ recovered: true });
    await flushPromises();
    expect(fake.sentOf('article:join')).toHaveLength(1);
    expect(fake.sentOf('article:sync')).toEqual([{ articleId: ARTICLE_ID, sinceSeq: 2, sort: 'best' }]);
    expect(thread.state.seq).toBe(3);
  });

  it('joins again, refreshes tallies and settings, then syncs after a new session', async () => {
    const thread = await joined(2, [comment(1), comment(2)], {}, 'me');
    thread.reveal();
    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.respond('article:join', () =>
      ok(
        snapshot(5, [comment(1, { upvotes: 9 })], {
          readers: 12,
          commentsOpen: false,
          slowModeSeconds: 30,
          myVotes: { c2: 1 },
        }),
      ),
    );
    fake.respond('article:sync', (req) =>
      ok({ kind: 'changes', seq: 5, changes: [created(4), created(5)].filter((c) => c.seq > req.sinceSeq) }),
    );
    // Votes cast while it was away, on a comment past the snapshot's page: only article:tallies brings them.
    fake.respond('article:tallies', (req) =>
      ok(req.commentIds.filter((id) => id === 'c4').map((commentId) => ({ commentId, upvotes: 7, downvotes: 2 }))),
    );

    fake.simulateConnect({ recovered: false });
    await flushPromises();
    expect(fake.sentOf('article:tallies')).toEqual([
      { articleId: ARTICLE_ID, commentIds: ['c1', 'c2', 'c3', 'c4', 'c5'] },
    ]);
    expect(thread.state.comments.get('c4')).toMatchObject({ upvotes: 7, downvotes: 2 });

    expect(fake.sentOf('article:join')).toEqual([
      { slug: SLUG, sort: 'best' },
      { slug: SLUG, sort: 'best' },
    ]);
    expect(fake.sentOf('article:sync')).toEqual([{ articleId: ARTICLE_ID, sinceSeq: 3, sort: 'best' }]);
    // What the reader had open stays; the counts come from the fresh snapshot.
    expect(thread.state.top).toEqual(['c1', 'c2']);
    expect(thread.state.pendingTop).toEqual(['c3', 'c4', 'c5']);
    expect(thread.state.comments.get('c1')?.upvotes).toBe(9);
    expect(thread.state.readers).toBe(12);
    expect(thread.state.commentsOpen).toBe(false);
    expect(thread.state.slowModeSeconds).toBe(30);
    expect(thread.state.myVotes.get('c2')).toBe(1);
    expect(thread.state.seq).toBe(5);
  });

  it('joins again with the position filter it shows', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(1, [comment(1, { positionId: 'pos-b' })])));
    fake.respond('article:sync', () => ok({ kind: 'changes', seq: 1, changes: [] }));
    await thread.join(SLUG, 'top', 'pos-b');
    fake.simulateConnect();
    await flushPromises();
    expect(fake.sentOf('article:join')[1]).toEqual({ slug: SLUG, sort: 'best', positionId: 'pos-b' });
    expect(fake.sentOf('article:sync')[0]).toMatchObject({ positionId: 'pos-b' });
  });

  it('does nothing on a connect before the thread has joined', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.simulateConnect();
    await flushPromises();
    expect(fake.sent).toHaveLength(0);
    expect(thread.syncCount).toBe(0);
  });

  it('does nothing on a connect while the first join is still unanswered', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const joining = thread.join(SLUG);
    fake.simulateConnect();
    await flushPromises();
    expect(fake.sent).toHaveLength(1);
    fake.only('article:join').reply(snapshot(0));
    await joining;
  });

  it('swallows a failed resume and tries again on the next connect', async () => {
    const thread = await joined();
    fake.respond('article:join', () => refusal('STORE_UNAVAILABLE'));
    fake.simulateConnect();
    await flushPromises();
    expect(thread.syncCount).toBe(0);

    fake.respond('article:join', () => ok(snapshot(2, [comment(1), comment(2)])));
    fake.respond('article:sync', () => ok({ kind: 'changes', seq: 3, changes: [created(3)] }));
    fake.simulateConnect();
    await flushPromises();
    expect(thread.syncCount).toBe(1);
    expect(thread.state.seq).toBe(3);
  });

  it('refreshes and syncs, after a random wait of up to a second, when the server asks to resync', async () => {
    vi.useFakeTimers();
    const thread = await joined(2, [comment(1), comment(2)]);
    fake.respond('article:join', () => ok(snapshot(4, [comment(1, { upvotes: 5 })], { readers: 9 })));
    fake.respond('article:sync', () => ok({ kind: 'changes', seq: 4, changes: [created(3), created(4)] }));

    fake.serverEmit('article:resync', { articleId: 'another-article' });
    fake.serverEmit('article:resync', { articleId: ARTICLE_ID });
    fake.serverEmit('article:resync', { articleId: ARTICLE_ID }); // one refresh for a burst
    await vi.advanceTimersByTimeAsync(1_000);

    expect(fake.sentOf('article:join')).toHaveLength(2);
    expect(fake.sentOf('article:sync')).toEqual([{ articleId: ARTICLE_ID, sinceSeq: 2, sort: 'best' }]);
    expect(thread.state.seq).toBe(4);
    expect(thread.state.comments.get('c1')?.upvotes).toBe(5);
    expect(thread.state.readers).toBe(9);
  });

  it('swallows a failed sync after a recovered reconnect', async () => {
    const thread = await joined();
    fake.respond('article:sync', () => {
      throw new Error('operation has timed out');
    });
    fake.simulateConnect({ recovered: true });
    await flushPromises();
    expect(thread.syncCount).toBe(1);
    expect(thread.state.seq).toBe(2);
  });
});

describe('LiveThread paging', () => {
  it('does not ask for another page after the last one', async () => {
    const thread = await joined();
    await thread.loadMore();
    expect(fake.sentOf('thread:page')).toHaveLength(0);
  });

  it('loads the next page of top-level comments below those shown, with its votes', async () => {
    const thread = await joined(5, [comment(5), comment(4)], { next: 'cursor-1', sort: 'new' });
    fake.respond('thread:page', () =>
      ok({ comments: [comment(3), comment(4)], replies: [reply(2, 'c3')], next: null, myVotes: { c3: -1 } }),
    );
    const listener = vi.fn();
    thread.subscribe(listener);

    await thread.loadMore();

    expect(fake.sentOf('thread:page')).toEqual([{ articleId: ARTICLE_ID, sort: 'new', after: 'cursor-1' }]);
    expect(thread.state.top).toEqual(['c5', 'c4', 'c3']);
    expect(thread.state.shownReplies('c3').map((c) => c.id)).toEqual(['c2']);
    expect(thread.state.next).toBeNull();
    expect(thread.state.myVotes.get('c3')).toBe(-1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('pages within the position filter', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(1, [comment(1, { positionId: 'pos-a' })], { next: 'n1' })));
    await thread.join(SLUG, 'best', 'pos-a');
    fake.respond('thread:page', () => ok({ comments: [], replies: [], next: null, myVotes: {} }));
    await thread.loadMore();
    expect(fake.sentOf('thread:page')).toEqual([
      { articleId: ARTICLE_ID, sort: 'best', after: 'n1', positionId: 'pos-a' },
    ]);
  });

  it('leaves the state alone when a page is refused', async () => {
    const thread = await joined(2, [comment(2)], { next: 'n1' });
    fake.respond('thread:page', () => refusal('RATE_LIMITED'));
    await expect(thread.loadMore()).rejects.toBeInstanceOf(LiveError);
    expect(thread.state.next).toBe('n1');
  });

  it("loads a comment's replies oldest first, continuing after the last one paged", async () => {
    const thread = await joined(9, [comment(1)]);
    fake.respond('thread:page', (req) =>
      req.after === undefined
        ? ok({ comments: [reply(2, 'c1'), reply(3, 'c1')], replies: [], next: '3:3', myVotes: { c2: 1 } })
        : ok({ comments: [reply(4, 'c1')], replies: [], next: null, myVotes: {} }),
    );

    await thread.loadReplies('c1');
    await thread.loadReplies('c1');

    expect(fake.sentOf('thread:page')).toEqual([
      { articleId: ARTICLE_ID, parentId: 'c1', sort: 'old', limit: 50 },
      { articleId: ARTICLE_ID, parentId: 'c1', sort: 'old', limit: 50, after: '3:3' },
    ]);
    expect(thread.state.shownReplies('c1').map((c) => c.id)).toEqual(['c2', 'c3', 'c4']);
    expect(thread.state.myVotes.get('c2')).toBe(1);
  });
});

describe('LiveThread actions', () => {
  it('posts a comment and shows it at once; the live echo is a duplicate', async () => {
    const thread = await joined();
    const mine = created(3, { authorId: 'me', body: 'hello' });
    fake.respond('comment:create', () => ok(mine));
    const version = thread.version;

    const answer = await thread.post('hello');

    expect(answer).toEqual(mine);
    expect(fake.sentOf('comment:create')).toEqual([{ articleId: ARTICLE_ID, parentId: null, body: 'hello' }]);
    expect(thread.state.top[0]).toBe('c3');
    expect(thread.version).toBe(version + 1);
    fake.serverEmit('article:change', encodeChange(mine));
    expect(thread.version).toBe(version + 1);
  });

  it('posts a reply arguing for a position', async () => {
    const thread = await joined();
    fake.respond('comment:create', (req) => ok(change(3, 'comment.created', reply(3, 'c1', { authorId: 'me' }))));
    await thread.post('agreed', 'c1', 'pos-a');
    expect(fake.sentOf('comment:create')).toEqual([
      { articleId: ARTICLE_ID, parentId: 'c1', body: 'agreed', positionId: 'pos-a' },
    ]);
    expect(thread.state.shownReplies('c1').map((c) => c.id)).toEqual(['c3']);
  });

  it('rejects a refused post without changing the thread', async () => {
    const thread = await joined();
    fake.respond('comment:create', () => refusal('SLOW_MODE', 'Wait a little.'));
    await expect(thread.post('again')).rejects.toMatchObject({ code: 'SLOW_MODE', message: 'Wait a little.' });
    expect(thread.state.seq).toBe(2);
  });

  it('applies the acknowledged change of an edit and of a removal', async () => {
    const thread = await joined(2, [comment(1, { authorId: 'me' }), comment(2)]);
    fake.respond('comment:edit', (req) =>
      ok(change(3, 'comment.edited', comment(1, { authorId: 'me', body: req.body, editedAt: 'now' }))),
    );
    fake.respond('comment:delete', () =>
      ok(change(4, 'comment.deleted', comment(1, { authorId: 'me', body: '', status: 'deleted' }))),
    );

    await thread.edit('c1', 'better');
    expect(fake.sentOf('comment:edit')).toEqual([{ commentId: 'c1', body: 'better' }]);
    expect(thread.state.comments.get('c1')?.body).toBe('better');

    await thread.remove('c1');
    expect(fake.sentOf('comment:delete')).toEqual([{ commentId: 'c1' }]);
    expect(thread.state.comments.get('c1')).toMatchObject({ status: 'deleted', body: '' });
    expect(thread.state.seq).toBe(4);
  });

  it("records one's own vote and the acknowledged tally, and forgets it when withdrawn", async () => {
    const thread = await joined();
    fake.respond('vote:cast', (req) =>
      ok({
        commentId: req.commentId,
        value: req.value,
        tally: { commentId: req.commentId, upvotes: req.value === 1 ? 1 : 0, downvotes: 0 },
      }),
    );
    const listener = vi.fn();
    thread.subscribe(listener);

    await thread.vote('c1', 1);
    expect(fake.sentOf('vote:cast')).toEqual([{ commentId: 'c1', value: 1 }]);
    expect(thread.state.myVotes.get('c1')).toBe(1);
    expect(thread.state.comments.get('c1')?.upvotes).toBe(1);

    await thread.vote('c1', 0);
    expect(thread.state.myVotes.has('c1')).toBe(false);
    expect(thread.state.comments.get('c1')?.upvotes).toBe(0);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('rejects a refused vote', async () => {
    const thread = await joined();
    fake.respond('vote:cast', () => refusal('OWN_COMMENT_VOTE'));
    await expect(thread.vote('c1', 1)).rejects.toMatchObject({ code: 'OWN_COMMENT_VOTE' });
    expect(thread.state.myVotes.size).toBe(0);
  });

  it('reveals waiting top-level comments and waiting replies', async () => {
    const thread = await joined();
    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.serverEmit('article:change', encodeChange(change(4, 'comment.created', reply(4, 'c1'))));
    const listener = vi.fn();
    thread.subscribe(listener);

    thread.reveal();
    expect(thread.state.top).toEqual(['c3', 'c1', 'c2']);
    expect(thread.state.shownReplies('c1')).toEqual([]);
    thread.reveal('c1');
    expect(thread.state.shownReplies('c1').map((c) => c.id)).toEqual(['c4']);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('LiveThread position filter', () => {
  it('lists live arrivals of the position it shows, and only keeps the others', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(0)));
    await thread.join(SLUG, 'best', 'pos-a');
    fake.serverEmit('article:change', encodeChange(created(1, { positionId: 'pos-a' })));
    fake.serverEmit('article:change', encodeChange(created(2, { positionId: 'pos-b' })));
    fake.serverEmit('article:change', encodeChange(created(3, { positionId: 'pos-b', authorId: 'me' })));
    expect(thread.state.pendingTop).toEqual(['c1']);
    expect(thread.state.top).toEqual([]);
    expect(thread.state.comments.has('c2')).toBe(true);
  });

  it('joining again without a position clears the filter', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    fake.respond('article:join', () => ok(snapshot(0)));
    await thread.join(SLUG, 'best', 'pos-a');
    await thread.join(SLUG, 'best', null);
    expect(fake.sentOf('article:join')[1]).toEqual({ slug: SLUG, sort: 'best' });
    expect(thread.state.positionFilter).toBeNull();
    fake.serverEmit('article:change', encodeChange(created(1, { positionId: 'pos-b' })));
    expect(thread.state.pendingTop).toEqual(['c1']);
  });
});

describe('LiveThread room events', () => {
  it('takes tallies, settings and the reader count of its own article', async () => {
    const thread = await joined();
    const listener = vi.fn();
    thread.subscribe(listener);

    fake.serverEmit('vote:tallies', {
      articleId: ARTICLE_ID,
      tallies: [{ commentId: 'c2', upvotes: 3, downvotes: 1 }],
    });
    fake.serverEmit('article:settings', { articleId: ARTICLE_ID, commentsOpen: false, slowModeSeconds: 60 });
    fake.serverEmit('presence:update', { articleId: ARTICLE_ID, readers: 42 });

    expect(thread.state.comments.get('c2')).toMatchObject({ upvotes: 3, downvotes: 1 });
    expect(thread.state.commentsOpen).toBe(false);
    expect(thread.state.slowModeSeconds).toBe(60);
    expect(thread.state.readers).toBe(42);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(thread.state.slowModeAuto).toBe(false);

    // Automatic slow mode engages (a busy discussion), then lifts.
    fake.serverEmit('article:settings', {
      articleId: ARTICLE_ID,
      commentsOpen: true,
      slowModeSeconds: 30,
      slowModeAuto: true,
    });
    expect(thread.state).toMatchObject({ slowModeSeconds: 30, slowModeAuto: true });
    fake.serverEmit('article:settings', {
      articleId: ARTICLE_ID,
      commentsOpen: true,
      slowModeSeconds: 0,
      slowModeAuto: false,
    });
    expect(thread.state).toMatchObject({ slowModeSeconds: 0, slowModeAuto: false });
  });

  it('knows from the snapshot that automatic slow mode is on', async () => {
    const thread = new LiveThread(fake.socket, 'me');
    const joining = thread.join(SLUG);
    fake.only('article:join').reply({ ...snapshot(2, [comment(1)]), slowModeSeconds: 30, slowModeAuto: true });
    await joining;
    expect(thread.state).toMatchObject({ slowModeSeconds: 30, slowModeAuto: true });
  });

  it("ignores another article's tallies, settings and reader count", async () => {
    const thread = await joined();
    const listener = vi.fn();
    thread.subscribe(listener);

    fake.serverEmit('vote:tallies', { articleId: 'other', tallies: [{ commentId: 'c2', upvotes: 3, downvotes: 1 }] });
    fake.serverEmit('article:settings', { articleId: 'other', commentsOpen: false, slowModeSeconds: 60 });
    fake.serverEmit('presence:update', { articleId: 'other', readers: 42 });

    expect(thread.state.comments.get('c2')?.upvotes).toBe(0);
    expect(thread.state.commentsOpen).toBe(true);
    expect(thread.state.readers).toBe(1);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('LiveThread closing', () => {
  it('stops listening and leaves the room while connected', async () => {
    const baseline = fake.totalListeners();
    const thread = await joined();
    expect(fake.totalListeners()).toBe(baseline + 7);

    thread.close();

    expect(fake.totalListeners()).toBe(baseline);
    expect(fake.emitted).toEqual([{ event: 'article:leave', payload: { articleId: ARTICLE_ID } }]);
    const before = thread.state.seq;
    fake.serverEmit('article:change', encodeChange(created(3)));
    fake.simulateConnect();
    await flushPromises();
    expect(thread.state.seq).toBe(before);
    expect(fake.sentOf('article:sync')).toHaveLength(0);
  });

  it('does not leave when disconnected, nor when it never joined', async () => {
    const thread = await joined();
    fake.connected = false;
    thread.close();
    new LiveThread(fake.socket, null).close();
    fake.connected = true;
    new LiveThread(fake.socket, null).close();
    expect(fake.emitted).toEqual([]);
  });
});
