import { describe, expect, it } from 'vitest';
import type { ArticleChange, ArticleSnapshot } from './events.js';
import { ThreadState } from './thread-state.js';
import type { Comment } from './types.js';

const comment = (seq: number, extra: Partial<Comment> = {}): Comment => ({
  id: `c${seq}`,
  articleId: 'a',
  parentId: null,
  rootId: `c${seq}`,
  depth: 0,
  authorId: 'someone',
  authorName: 'Someone',
  body: `body ${seq}`,
  status: 'visible',
  seq,
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  upvotes: 0,
  downvotes: 0,
  replyCount: 0,
  featured: false,
  positionId: null,
  ...extra,
});

const created = (seq: number, extra: Partial<Comment> = {}): ArticleChange => ({
  articleId: 'a',
  seq,
  kind: 'comment.created',
  comment: comment(seq, extra),
});

const snapshot = (seq: number, comments: Comment[]): ArticleSnapshot => ({
  articleId: 'a',
  seq,
  sort: 'best',
  comments,
  replies: [],
  next: null,
  myVotes: {},
  readers: 1,
  totalComments: comments.length,
  slowModeSeconds: 0,
  commentsOpen: true,
});

describe('ThreadState', () => {
  it('applies changes in seq order exactly once, buffering early ones', () => {
    const t = new ThreadState('me');
    t.loadSnapshot(snapshot(2, [comment(1), comment(2)]));
    expect(t.receive(created(4))).toBe('buffered');
    expect(t.hasGap()).toBe(true);
    expect(t.receive(created(2))).toBe('duplicate');
    expect(t.receive(created(3))).toBe('applied');
    expect(t.seq).toBe(4);
    expect(t.hasGap()).toBe(false);
    expect(t.receive(created(4))).toBe('duplicate');
    expect([...t.comments.keys()]).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it("holds others' new comments and replies until revealed, and shows one's own at once", () => {
    const t = new ThreadState('me');
    t.loadSnapshot(snapshot(1, [comment(1)]));
    t.receive(created(2));
    t.receive(created(3, { authorId: 'me' }));
    t.receive(created(4, { parentId: 'c1', rootId: 'c1', depth: 1 }));
    expect(t.top).toEqual(['c3', 'c1']);
    expect(t.pendingTop).toEqual(['c2']);
    expect(t.shownReplies('c1')).toEqual([]);
    t.revealTop();
    t.revealReplies('c1');
    expect(t.top).toEqual(['c2', 'c3', 'c1']);
    expect(t.shownReplies('c1').map((c) => c.id)).toEqual(['c4']);
  });

  it('closes a gap from a sync answer and keeps tallies from tally updates', () => {
    const t = new ThreadState(null);
    t.loadSnapshot(snapshot(1, [comment(1)]));
    t.applyTallies([{ commentId: 'c1', upvotes: 5, downvotes: 1 }]);
    t.receive(created(3));
    t.applySync({
      kind: 'changes',
      seq: 3,
      changes: [
        { articleId: 'a', seq: 2, kind: 'comment.edited', comment: comment(1, { body: 'edited', editedAt: 'x' }) },
        created(3),
      ],
    });
    expect(t.seq).toBe(3);
    expect(t.hasGap()).toBe(false);
    expect(t.comments.get('c1')).toMatchObject({ body: 'edited', upvotes: 5, downvotes: 1 });
  });

  it('keeps changes that arrive before the first snapshot and applies those newer than it', () => {
    const t = new ThreadState(null);
    expect(t.receive(created(2))).toBe('buffered');
    expect(t.receive(created(3))).toBe('buffered');
    t.loadSnapshot(snapshot(2, [comment(1), comment(2)]));
    expect(t.seq).toBe(3);
    expect([...t.comments.keys()]).toEqual(['c1', 'c2', 'c3']);
  });

  it('pages replies after those that came by page, not after live arrivals', () => {
    const t = new ThreadState(null);
    const reply = (seq: number) => comment(seq, { parentId: 'c1', rootId: 'c1', depth: 1 });
    t.loadSnapshot({ ...snapshot(5, [comment(1)]), replies: [reply(2)] });
    expect(t.replyCursor('c1')).toBe('2:2');
    t.receive({ articleId: 'a', seq: 6, kind: 'comment.created', comment: reply(6) });
    expect(t.replyCursor('c1')).toBe('2:2');
    t.loadReplies([reply(3), reply(4)]);
    expect(t.replyCursor('c1')).toBe('4:4');
    expect(t.children.get('c1')).toEqual(['c2', 'c3', 'c4', 'c6']);
    expect(new ThreadState(null).replyCursor('c1')).toBeUndefined();
  });

  it('lists live top-level arrivals only for the position the reader filters by', () => {
    const t = new ThreadState('me');
    t.positionFilter = 'pk';
    t.loadSnapshot(snapshot(0, []));
    t.receive(created(1, { positionId: 'pk' }));
    t.receive(created(2, { positionId: 'af' }));
    t.receive(created(3));
    expect(t.pendingTop).toEqual(['c1']);
    expect(t.comments.size).toBe(3);
  });

  it('ignores changes of another article', () => {
    const t = new ThreadState(null);
    t.loadSnapshot(snapshot(0, []));
    expect(t.receive({ ...created(1), articleId: 'b' })).toBe('duplicate');
  });
});
