/**
 * The live side of one open article, independent of React: joins over socket.io, feeds every
 * change into a ThreadState (shared/thread-state.ts), and keeps it exact across gaps and
 * reconnects by asking the server to sync from the last applied seq (DESIGN rule 3). The browser
 * UI and the integration tests both drive this same class.
 */
import type {
  Ack,
  ArticleChange,
  ClientRequestName,
  ReplyOf,
  RequestOf,
  ServerToClientEvents,
} from '../../../shared/events.js';
import type { CommentSort } from '../../../shared/ranking.js';
import { TALLIES_PER_REQUEST } from '../../../shared/schemas.js';
import { ThreadState } from '../../../shared/thread-state.js';
import { decodeBatch, decodeChange } from '../../../shared/wire.js';
import type { VoteValue } from '../../../shared/types.js';
import { sendRequest, unwrap, type ParleyClientSocket } from './requests.js';

/** A change that skips ahead waits this long for the missing one before a sync is asked for. */
const GAP_GRACE_MS = 150;
/**
 * After `article:resync` every reader of every server process refreshes at once; each waits a
 * random part of this first, so the servers see a spread of requests, not a wall.
 */
const RESYNC_SPREAD_MS = 1000;

export class LiveThread {
  readonly state: ThreadState;
  private slug: string | null = null;
  /** Counts joins, so an answer to a join that a later one superseded is dropped. */
  private joinAttempt = 0;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing: Promise<void> | null = null;
  private listeners = new Set<() => void>();
  private detach: Array<() => void> = [];
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;
  /** Syncs run, for tests and diagnostics. */
  syncCount = 0;

  constructor(
    private readonly socket: ParleyClientSocket,
    selfId: string | null,
  ) {
    this.state = new ThreadState(selfId);
    const on = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) => {
      // socket.io's typed `on` wants the exact listener type of each event.
      (socket.on as (e: string, h: unknown) => void)(event, handler);
      this.detach.push(() => (socket.off as (e: string, h: unknown) => void)(event, handler));
    };
    on('article:change', (wire) => this.onChanges([decodeChange(wire)]));
    on('article:changes', (batch) => this.onChanges(decodeBatch(batch)));
    on('vote:tallies', ({ articleId, tallies }) => {
      if (articleId !== this.state.articleId) return;
      this.state.applyTallies(tallies);
      this.notify();
    });
    on('article:settings', ({ articleId, commentsOpen, slowModeSeconds, slowModeAuto }) => {
      if (articleId !== this.state.articleId) return;
      this.state.commentsOpen = commentsOpen;
      this.state.slowModeSeconds = slowModeSeconds;
      this.state.slowModeAuto = slowModeAuto === true;
      this.notify();
    });
    on('presence:update', ({ articleId, readers }) => {
      if (articleId !== this.state.articleId) return;
      this.state.readers = readers;
      this.notify();
    });
    on('article:resync', ({ articleId }) => {
      if (articleId !== this.state.articleId || this.resyncTimer) return;
      this.resyncTimer = setTimeout(() => {
        this.resyncTimer = null;
        void this.refresh();
      }, Math.random() * RESYNC_SPREAD_MS);
    });
    const onConnect = () => void this.resume();
    socket.on('connect', onConnect);
    this.detach.push(() => socket.off('connect', onConnect));
  }

  /** Sends one request and waits for its acknowledgement (requests.ts: at most ACK_TIMEOUT_MS). */
  private request<E extends ClientRequestName>(event: E, payload: RequestOf<E>): Promise<Ack<ReplyOf<E>>> {
    return sendRequest(this.socket, event, payload);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Opens the article's thread in `sort` order; with `positionId`, only top-level comments arguing
   * for that debate position (replies keep the whole conversation).
   */
  async join(slug: string, sort: CommentSort = 'best', positionId: string | null = null): Promise<void> {
    this.slug = slug;
    // The latest join wins: a re-sort answered after a later one must not put the older order back.
    const attempt = ++this.joinAttempt;
    const snapshot = unwrap(await this.request('article:join', { slug, sort, ...this.positionFilter(positionId) }));
    if (attempt !== this.joinAttempt) return;
    this.state.positionFilter = positionId;
    this.state.loadSnapshot(snapshot);
    this.notify();
  }

  private positionFilter(positionId: string | null = this.state.positionFilter): { positionId?: string } {
    return positionId ? { positionId } : {};
  }

  async loadMore(): Promise<void> {
    if (!this.state.next) return;
    const page = unwrap(
      await this.request('thread:page', {
        articleId: this.state.articleId,
        sort: this.state.sort,
        after: this.state.next,
        ...this.positionFilter(),
      }),
    );
    this.state.loadPage(page, page.myVotes);
    this.notify();
  }

  /** Loads the replies of `parentId` after the last one known. */
  async loadReplies(parentId: string): Promise<void> {
    const after = this.state.replyCursor(parentId);
    const page = unwrap(
      await this.request('thread:page', {
        articleId: this.state.articleId,
        parentId,
        sort: 'old',
        limit: 50,
        ...(after ? { after } : {}),
      }),
    );
    this.state.loadReplies(page.comments, page.myVotes);
    this.notify();
  }

  /** Posts a comment or a reply; `positionId` names the debate position it argues for. */
  async post(body: string, parentId: string | null = null, positionId: string | null = null): Promise<ArticleChange> {
    const change = unwrap(
      await this.request('comment:create', {
        articleId: this.state.articleId,
        parentId,
        body,
        ...(positionId ? { positionId } : {}),
      }),
    );
    this.onChanges([change]);
    return change;
  }

  async edit(commentId: string, body: string): Promise<void> {
    this.onChanges([unwrap(await this.request('comment:edit', { commentId, body }))]);
  }

  async remove(commentId: string): Promise<void> {
    this.onChanges([unwrap(await this.request('comment:delete', { commentId }))]);
  }

  async vote(commentId: string, value: VoteValue): Promise<void> {
    const result = unwrap(await this.request('vote:cast', { commentId, value }));
    this.state.applyOwnVote(result.commentId, result.value, result.tally);
    this.notify();
  }

  reveal(parentId: string | null = null): void {
    if (parentId === null) this.state.revealTop();
    else this.state.revealReplies(parentId);
    this.notify();
  }

  /** Asks the server for every change after the last applied seq; one sync at a time. */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        this.syncCount += 1;
        const result = unwrap(
          await this.request('article:sync', {
            articleId: this.state.articleId,
            sinceSeq: this.state.seq,
            sort: this.state.sort,
            ...this.positionFilter(),
          }),
        );
        this.state.applySync(result);
        this.notify();
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  close(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    for (const off of this.detach) off();
    if (this.state.articleId && this.socket.connected)
      this.socket.emit('article:leave', { articleId: this.state.articleId }, () => undefined);
  }

  /** Live changes (one, or a busy tick's batch): applied in order, drawn once. */
  private onChanges(changes: ArticleChange[]): void {
    let changed = false;
    for (const change of changes) if (this.state.receive(change) !== 'duplicate') changed = true;
    if (changed) this.notify();
    if (this.state.hasGap() && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.state.hasGap()) void this.sync().catch(() => undefined);
      }, GAP_GRACE_MS);
    }
  }

  /** Current tallies of every comment held, TALLIES_PER_REQUEST at a time. */
  private async refreshTallies(): Promise<void> {
    const ids = [...this.state.comments.keys()];
    for (let i = 0; i < ids.length; i += TALLIES_PER_REQUEST) {
      const commentIds = ids.slice(i, i + TALLIES_PER_REQUEST);
      this.state.applyTallies(
        unwrap(await this.request('article:tallies', { articleId: this.state.articleId, commentIds })),
      );
    }
    this.notify();
  }

  /** After a reconnect: a recovered session kept its rooms; a new one joins again. Then catch up. */
  private async resume(): Promise<void> {
    if (!this.slug || !this.state.articleId) return;
    try {
      // A new session: join the room again; the snapshot refreshes tallies and counts, sync brings the changes.
      if (!this.socket.recovered) await this.rejoin();
      await this.sync();
      // Votes cast while away are in no log and no replay: ask for the tallies of what is held.
      if (!this.socket.recovered) await this.refreshTallies();
    } catch {
      // The next reconnect or gap tries again.
    }
  }

  /**
   * The server says live delivery may have missed something (`article:resync`): refresh tallies,
   * count and settings from a new snapshot, then sync the changes.
   */
  private async refresh(): Promise<void> {
    if (!this.slug || !this.state.articleId || !this.socket.connected) return;
    try {
      await this.rejoin();
      await this.sync();
      await this.refreshTallies();
    } catch {
      // The next gap, reconnect or resync notice tries again.
    }
  }

  private async rejoin(): Promise<void> {
    this.state.refreshFrom(
      unwrap(await this.request('article:join', { slug: this.slug!, sort: this.state.sort, ...this.positionFilter() })),
    );
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
