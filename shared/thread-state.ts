/**
 * A reader's copy of one article's thread, kept exact by seq (DESIGN rule 3): changes are applied
 * in seq order, each exactly once; a change that arrives early waits in a buffer until the gap
 * before it is filled (live, or by a sync). Pure logic with no I/O, shared by the browser client
 * and the integration tests, so both run the same rules.
 *
 * Live arrivals from other people do not shift the text under the reader: new top-level comments
 * wait in `pendingTop` and new replies in `pendingReplies` until revealed ("N new comments").
 */
import type { ArticleChange, ArticleSnapshot, SyncResult, ThreadPage } from './events.js';
import type { CommentSort } from './ranking.js';
import type { Comment, VoteTally, VoteValue } from './types.js';

export type ReceiveResult = 'applied' | 'duplicate' | 'buffered';

export class ThreadState {
  articleId = '';
  /** Every change up to this seq has been applied. */
  seq = 0;
  sort: CommentSort = 'best';
  readers = 0;
  totalComments = 0;
  slowModeSeconds = 0;
  /** Whether the slow mode in force is the automatic one (a busy discussion), not a moderator's. */
  slowModeAuto = false;
  commentsOpen = true;
  /** The debate position the reader filters top-level comments by (null: all). */
  positionFilter: string | null = null;
  /** Every comment this reader knows, by id (shown or not). */
  readonly comments = new Map<string, Comment>();
  /** Shown top-level comments, in display order. */
  top: string[] = [];
  /** Known replies of each comment, oldest first. */
  readonly children = new Map<string, string[]>();
  /** Cursor of the next page of top-level comments. */
  next: string | null = null;
  readonly myVotes = new Map<string, VoteValue>();
  /** Top-level comments that arrived live and wait to be revealed. */
  pendingTop: string[] = [];
  /** Replies that arrived live and wait to be revealed, by parent. */
  readonly pendingReplies = new Map<string, string[]>();
  private readonly early = new Map<number, ArticleChange>();
  /**
   * Per parent, the highest seq of the replies that came by page. Pages of replies are prefixes in
   * seq order, so the next page starts after it; replies that arrived live do not move it.
   */
  private readonly pagedRepliesUpTo = new Map<string, number>();
  /** Changes that arrived before the first snapshot (the room is joined before it is read). */
  private beforeSnapshot: ArticleChange[] = [];

  /** @param selfId the reader's user id: their own arrivals show at once. */
  constructor(private readonly selfId: string | null = null) {}

  /** Starts over from a snapshot; buffered changes newer than it are kept and applied. */
  loadSnapshot(snapshot: ArticleSnapshot): void {
    this.articleId = snapshot.articleId;
    this.seq = snapshot.seq;
    this.sort = snapshot.sort;
    this.readers = snapshot.readers;
    this.totalComments = snapshot.totalComments;
    this.slowModeSeconds = snapshot.slowModeSeconds;
    this.slowModeAuto = snapshot.slowModeAuto === true;
    this.commentsOpen = snapshot.commentsOpen;
    this.comments.clear();
    this.children.clear();
    this.pagedRepliesUpTo.clear();
    this.myVotes.clear();
    this.pendingReplies.clear();
    this.top = [];
    this.pendingTop = [];
    this.next = null;
    this.loadPage(snapshot, snapshot.myVotes);
    for (const change of this.beforeSnapshot)
      if (change.articleId === this.articleId) this.early.set(change.seq, change);
    this.beforeSnapshot = [];
    for (const seq of [...this.early.keys()]) if (seq <= this.seq) this.early.delete(seq);
    this.drain();
  }

  /**
   * After a reconnect that lost the session: takes tallies, reader count and settings from a fresh
   * snapshot for the comments already known, without replacing what the reader has open. Changes
   * come separately through sync.
   */
  refreshFrom(snapshot: ArticleSnapshot): void {
    if (snapshot.articleId !== this.articleId) return this.loadSnapshot(snapshot);
    this.readers = snapshot.readers;
    this.slowModeSeconds = snapshot.slowModeSeconds;
    this.slowModeAuto = snapshot.slowModeAuto === true;
    this.commentsOpen = snapshot.commentsOpen;
    this.applyTallies(
      [...snapshot.comments, ...snapshot.replies].map((c) => ({
        commentId: c.id,
        upvotes: c.upvotes,
        downvotes: c.downvotes,
      })),
    );
    for (const [id, v] of Object.entries(snapshot.myVotes)) this.myVotes.set(id, v);
  }

  /** Adds a further page of top-level comments (and their replies) below those shown. */
  loadPage(page: ThreadPage, myVotes: Record<string, VoteValue> = {}): void {
    for (const c of page.comments) {
      if (!this.comments.has(c.id)) this.top.push(c.id);
      this.remember(c);
    }
    for (const r of page.replies) this.rememberPaged(r);
    this.next = page.next;
    for (const [id, v] of Object.entries(myVotes)) this.myVotes.set(id, v);
  }

  /** Adds a page of one comment's replies (oldest first). */
  loadReplies(comments: Comment[], myVotes: Record<string, VoteValue> = {}): void {
    for (const c of comments) this.rememberPaged(c);
    for (const [id, v] of Object.entries(myVotes)) this.myVotes.set(id, v);
  }

  /**
   * The cursor of the next page of `parentId`'s replies (oldest first), or undefined to start from
   * the first. The format is the server's "old" order cursor: the seq twice.
   */
  replyCursor(parentId: string): string | undefined {
    const seq = this.pagedRepliesUpTo.get(parentId);
    return seq === undefined ? undefined : `${seq}:${seq}`;
  }

  /** Takes a live or replayed change; applies it and any buffered successors when it is next. */
  receive(change: ArticleChange): ReceiveResult {
    if (this.articleId === '') {
      this.beforeSnapshot.push(change);
      return 'buffered';
    }
    if (change.articleId !== this.articleId || change.seq <= this.seq) return 'duplicate';
    if (change.seq > this.seq + 1) {
      this.early.set(change.seq, change);
      return 'buffered';
    }
    this.apply(change);
    this.drain();
    return 'applied';
  }

  /** True while a change is waiting for one before it: the transport should sync. */
  hasGap(): boolean {
    return this.early.size > 0;
  }

  /** Applies a sync answer: replayed changes in order, or a fresh snapshot. */
  applySync(result: SyncResult): void {
    if (result.kind === 'snapshot') return this.loadSnapshot(result.snapshot);
    for (const change of result.changes) this.receive(change);
    // Entries the server could not show (none today) must not hold the reader back.
    if (result.seq > this.seq) {
      this.seq = result.seq;
      for (const seq of [...this.early.keys()]) if (seq <= this.seq) this.early.delete(seq);
      this.drain();
    }
  }

  applyTallies(tallies: VoteTally[]): void {
    for (const t of tallies) {
      const c = this.comments.get(t.commentId);
      if (c) this.comments.set(c.id, { ...c, upvotes: t.upvotes, downvotes: t.downvotes });
    }
  }

  /** Records the reader's own vote and the tally the server acknowledged. */
  applyOwnVote(commentId: string, value: VoteValue, tally: VoteTally): void {
    if (value === 0) this.myVotes.delete(commentId);
    else this.myVotes.set(commentId, value);
    this.applyTallies([tally]);
  }

  revealTop(): void {
    this.top = [...this.pendingTop.reverse(), ...this.top];
    this.pendingTop = [];
  }

  revealReplies(parentId: string): void {
    this.pendingReplies.delete(parentId);
  }

  /** Replies of `parentId` that are shown (pending ones excluded). */
  shownReplies(parentId: string): Comment[] {
    const waiting = new Set(this.pendingReplies.get(parentId) ?? []);
    return (this.children.get(parentId) ?? []).filter((id) => !waiting.has(id)).map((id) => this.comments.get(id)!);
  }

  private drain(): void {
    for (let next = this.early.get(this.seq + 1); next; next = this.early.get(this.seq + 1)) {
      this.early.delete(next.seq);
      this.apply(next);
    }
  }

  private apply(change: ArticleChange): void {
    this.seq = change.seq;
    const known = this.comments.get(change.comment.id);
    if (known) {
      // Votes travel as tallies (rule 5); keep the tally this reader already has.
      this.comments.set(known.id, { ...change.comment, upvotes: known.upvotes, downvotes: known.downvotes });
      return;
    }
    if (change.kind !== 'comment.created') return; // a change to a comment not loaded: paging brings it current
    this.totalComments += 1;
    const c = change.comment;
    this.remember(c);
    const mine = this.selfId !== null && c.authorId === this.selfId;
    if (c.parentId === null) {
      // Outside the reader's position filter: known (replies may follow), but not listed.
      if (this.positionFilter !== null && c.positionId !== this.positionFilter) return;
      if (mine) this.top.unshift(c.id);
      else this.pendingTop.push(c.id);
    } else if (!mine) {
      const waiting = this.pendingReplies.get(c.parentId) ?? [];
      waiting.push(c.id);
      this.pendingReplies.set(c.parentId, waiting);
    }
  }

  private rememberPaged(c: Comment): void {
    this.remember(c);
    if (c.parentId !== null)
      this.pagedRepliesUpTo.set(c.parentId, Math.max(c.seq, this.pagedRepliesUpTo.get(c.parentId) ?? 0));
  }

  private remember(c: Comment): void {
    const isNew = !this.comments.has(c.id);
    this.comments.set(c.id, c);
    if (isNew && c.parentId !== null) {
      const siblings = this.children.get(c.parentId) ?? [];
      // Keep replies in creation order even when pages and live arrivals interleave.
      let at = siblings.length;
      while (at > 0 && this.comments.get(siblings[at - 1]!)!.seq > c.seq) at--;
      siblings.splice(at, 0, c.id);
      this.children.set(c.parentId, siblings);
    }
  }
}
