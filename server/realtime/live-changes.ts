/**
 * Committed changes to the readers of an article (DESIGN rules 3 and 4), coalesced when busy.
 *
 * A change goes out at once, as `article:change`, unless the article's last frame went less than
 * one TICK ago: then it waits for the tick to end, and every change that came meanwhile goes with it
 * as one `article:changes` frame, in seq order. So at a calm rate (below one change per tick) no
 * change waits at all, and however busy an article gets, a reader receives at most one frame per
 * tick: the server encodes and writes one frame per reader per tick instead of one per change. Frames are the lean form of shared/wire.ts, encoded once per broadcast.
 *
 * Every reader gets every seq. A hidden body (removed, held) goes only to the article's moderators
 * and the comment's author: when a frame holds hidden comments, the room gets the public view
 * except those privileged sockets, the moderators get the bodies, and each author of a hidden
 * comment gets their own body and the public view of the rest — each socket exactly one frame.
 */
import { performance } from 'node:perf_hooks';
import type { ArticleChange } from '../../shared/events.js';
import { encodeBatch, encodeChange } from '../../shared/wire.js';
import { isHiddenFrom, viewComment } from '../domain/comments.js';
import type { CommentRecord } from '../store/store.js';
import { articleRoom, moderatorRoom, userRoom, type ParleyServer } from './types.js';

/**
 * The least time between two frames of one article (at most 50 frames a second). Below that rate
 * a change never waits; above it, a change waits at most this long.
 */
export const CHANGE_TICK_MS = 20;
/** An article with no frame for this long is forgotten. */
const FORGET_AFTER_MS = 10_000;
/** A tick with more changes than this goes as several frames, so no frame grows without bound. */
export const MAX_CHANGES_PER_FRAME = 250;

interface Pending {
  change: Omit<ArticleChange, 'comment'>;
  comment: CommentRecord;
}

interface ArticleQueue {
  items: Pending[];
  timer: NodeJS.Timeout | null;
  /** When the article's last frame went (performance.now()). */
  sentAt: number;
  /** Called once the items waiting now have been sent. */
  waiters: Array<() => void>;
}

export interface ChangeDelivery {
  deliver(change: Omit<ArticleChange, 'comment'>, comment: CommentRecord): void;
  /**
   * Resolves once every change delivered so far has been emitted. With several processes a request
   * is acknowledged only then (and once its broadcasts are in the stream, cluster.ts), so a change
   * made after another was acknowledged comes after it at every reader.
   */
  settled(): Promise<void>;
  /** Sends what is waiting now (a stopping server). */
  flushAll(): void;
  stop(): void;
}

const publicView = (c: CommentRecord) => viewComment(c, null);
/** What the author (and the moderators) see of their own comment. */
const authorView = (c: CommentRecord) => viewComment(c, { id: c.authorId, name: c.authorName, role: 'reader' });

export function createChangeDelivery(io: ParleyServer, options: { tickMs?: number } = {}): ChangeDelivery {
  const tickMs = options.tickMs ?? CHANGE_TICK_MS;
  const queues = new Map<string, ArticleQueue>();

  const send = (articleId: string, items: Pending[]) => {
    const room = articleRoom(articleId);
    const hidden = items.filter((p) => isHiddenFrom(p.comment, null));
    const frame = (view: (p: Pending) => ArticleChange['comment']) =>
      items.map((p): ArticleChange => ({ ...p.change, comment: view(p) }));
    const emit = (target: ReturnType<ParleyServer['to']>, changes: ArticleChange[]) => {
      if (changes.length === 1) target.emit('article:change', encodeChange(changes[0]!));
      else target.emit('article:changes', encodeBatch(articleId, changes));
    };
    const everyone = frame((p) => publicView(p.comment));
    if (hidden.length === 0) return emit(io.to(room), everyone);

    const mods = moderatorRoom(articleId);
    const authors = [...new Set(hidden.map((p) => p.comment.authorId))];
    emit(io.to(room).except([mods, ...authors.map(userRoom)]), everyone);
    // Moderators see every hidden body (and the author's own connections, which may be theirs).
    emit(
      io.to(mods),
      frame((p) => (isHiddenFrom(p.comment, null) ? authorView(p.comment) : publicView(p.comment))),
    );
    for (const authorId of authors)
      emit(
        io.to(userRoom(authorId)).except(mods),
        frame((p) => (p.comment.authorId === authorId ? authorView(p.comment) : publicView(p.comment))),
      );
  };

  const sendNow = (articleId: string, queue: ArticleQueue, items: Pending[]) => {
    queue.sentAt = performance.now();
    for (let i = 0; i < items.length; i += MAX_CHANGES_PER_FRAME)
      send(articleId, items.slice(i, i + MAX_CHANGES_PER_FRAME));
  };

  const flush = (articleId: string) => {
    const queue = queues.get(articleId);
    if (!queue) return;
    if (queue.timer) clearTimeout(queue.timer);
    queue.timer = null;
    const { items, waiters } = queue;
    queue.items = [];
    queue.waiters = [];
    if (items.length > 0) sendNow(articleId, queue, items);
    for (const resolve of waiters) resolve();
  };

  /** Now and then, forget articles that have been quiet a while. */
  let lastSweep = performance.now();
  const sweep = (now: number) => {
    if (now - lastSweep < FORGET_AFTER_MS) return;
    lastSweep = now;
    for (const [articleId, queue] of queues)
      if (!queue.timer && now - queue.sentAt > FORGET_AFTER_MS) queues.delete(articleId);
  };

  return {
    deliver(change, comment) {
      const now = performance.now();
      sweep(now);
      let queue = queues.get(change.articleId);
      if (!queue) {
        queue = { items: [], timer: null, sentAt: -Infinity, waiters: [] };
        queues.set(change.articleId, queue);
      }
      if (queue.timer) {
        // A frame is due at the end of this tick: join it.
        queue.items.push({ change, comment });
        return;
      }
      const wait = queue.sentAt + tickMs - now;
      if (wait <= 0) return sendNow(change.articleId, queue, [{ change, comment }]);
      queue.items.push({ change, comment });
      const articleId = change.articleId;
      queue.timer = setTimeout(() => flush(articleId), wait);
    },
    settled() {
      const waiting = [...queues.values()].filter((q) => q.timer !== null);
      return Promise.all(waiting.map((q) => new Promise<void>((resolve) => q.waiters.push(resolve)))).then(() => {});
    },
    flushAll() {
      for (const [articleId, queue] of queues) if (queue.timer) flush(articleId);
    },
    stop() {
      for (const queue of queues.values()) {
        if (queue.timer) clearTimeout(queue.timer);
        for (const resolve of queue.waiters) resolve();
      }
      queues.clear();
    },
  };
}
