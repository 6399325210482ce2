import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueueItem } from '../../../../shared/events.js';
import type { ReportReasonCounts } from '../../../../shared/moderation.js';
import { MOD_QUEUES, type ModAction, type ModComment, type ModQueue } from '../../../../shared/types.js';
import { listArticles } from '../../api/endpoints.js';
import { listen, onFreshConnect, request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { isRace, queuesOf } from './rules.js';

export type ArticleRef = QueueItem['article'];

export interface DeskItem {
  /** The comment as the desk shows it now. */
  comment: ModComment;
  article: ArticleRef;
  /** Another moderator acted: the item shows who and what, greyed, before it moves. */
  handled: { by: string; action: string | null } | null;
  /** The state another moderator's action left, applied when the "handled" mark ends. */
  next: ModComment | null;
  /** Reports per reason, as last heard (queue pages and report updates carry them). */
  reasons?: ReportReasonCounts;
}

export interface QueuePaging {
  next: string | null;
  loading: boolean;
  /** The first page has arrived. */
  loaded: boolean;
  error: unknown;
}

export interface Desk {
  /** connecting until the desk is watched and the queues asked for; failed when refused. */
  status: 'connecting' | 'ready' | 'failed';
  error: unknown;
  /** Items of a queue, newest first, within the article filter. */
  itemsOf(queue: ModQueue): DeskItem[];
  paging: Record<ModQueue, QueuePaging>;
  loadMore(queue: ModQueue): void;
  /** Acts on an item as it is shown; rejects with the server's refusal (after refreshing the item on a race). */
  act(item: DeskItem, action: ModAction, reason?: string): Promise<void>;
  /** Reads the item again from the server (after a sanction removed comments, for example). */
  refresh(commentId: string): Promise<void>;
  articles: ArticleRef[];
}

/** How long an item handled by someone else stays in place, greyed, before it moves. */
export const HANDLED_MS = 4_000;
const PAGE = 30;

const emptyPaging = (): Record<ModQueue, QueuePaging> =>
  Object.fromEntries(MOD_QUEUES.map((q) => [q, { next: null, loading: false, loaded: false, error: null }])) as Record<
    ModQueue,
    QueuePaging
  >;

const newestFirst = (a: DeskItem, b: DeskItem) =>
  a.comment.createdAt === b.comment.createdAt
    ? a.comment.id < b.comment.id
      ? 1
      : -1
    : a.comment.createdAt < b.comment.createdAt
      ? 1
      : -1;

/**
 * The live moderation desk for `self` (a moderator): joins the desk with `mod:watch`, loads the first
 * page of every queue, and keeps them current from `mod:update`. Queue membership is recomputed from
 * each comment, so an item moves between queues the moment its state changes. An item another
 * moderator handled is marked "Handled by <name>" for HANDLED_MS before it moves.
 */
export function useDesk(self: { id: string; name: string }, articleFilter: string | null): Desk {
  const socket = useMemo(() => connectAs(self.id), [self.id]);
  const [items, setItems] = useState<Map<string, DeskItem>>(() => new Map());
  const [paging, setPaging] = useState(emptyPaging);
  const [status, setStatus] = useState<Desk['status']>('connecting');
  const [error, setError] = useState<unknown>(null);
  const [articleList, setArticleList] = useState<ArticleRef[]>([]);
  const articles = useRef(new Map<string, ArticleRef>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  /** Bumped when the filter changes or the desk starts again: older answers are dropped. */
  const generation = useRef(0);
  const pagingRef = useRef(paging);
  useEffect(() => {
    pagingRef.current = paging;
  }, [paging]);

  const articleOf = (c: ModComment): ArticleRef =>
    articles.current.get(c.articleId) ?? { id: c.articleId, slug: '', title: '' };

  /** Puts a comment on the desk; `handledBy` names another moderator whose action is shown first. */
  const upsert = useCallback(
    (
      comment: ModComment,
      handledBy: { by: string; action: string | null } | null,
      article?: ArticleRef,
      reasons?: ReportReasonCounts,
    ) => {
      if (article) articles.current.set(article.id, article);
      setItems((prev) => {
        const old = prev.get(comment.id);
        const latest = old?.next ?? old?.comment;
        // An answer that crossed a newer update on the wire must not roll the item back.
        if (latest && latest.modVersion > comment.modVersion) return prev;
        const map = new Map(prev);
        const counted = reasons ?? old?.reasons;
        if (handledBy && old) {
          map.set(comment.id, { ...old, handled: handledBy, next: comment, ...(counted ? { reasons: counted } : {}) });
          const timer = timers.current.get(comment.id);
          if (timer) clearTimeout(timer);
          timers.current.set(
            comment.id,
            setTimeout(() => {
              timers.current.delete(comment.id);
              setItems((now) => {
                const item = now.get(comment.id);
                if (!item?.next) return now;
                return new Map(now).set(comment.id, { ...item, comment: item.next, handled: null, next: null });
              });
            }, HANDLED_MS),
          );
        } else if (old?.handled) {
          map.set(comment.id, { ...old, next: comment, ...(counted ? { reasons: counted } : {}) });
        } else {
          map.set(comment.id, {
            comment,
            article: article ?? old?.article ?? articleOf(comment),
            handled: null,
            next: null,
            ...(counted ? { reasons: counted } : {}),
          });
        }
        return map;
      });
    },
    [],
  );

  const loadQueue = useCallback(
    (queue: ModQueue, more: boolean) => {
      const ticket = generation.current;
      const after = more ? pagingRef.current[queue].next : null;
      if (more && !after) return;
      setPaging((p) => ({ ...p, [queue]: { ...p[queue], loading: true, error: null } }));
      request(socket, 'mod:queue', { queue, articleId: articleFilter, limit: PAGE, ...(after ? { after } : {}) }).then(
        (page) => {
          if (ticket !== generation.current) return;
          for (const item of page.items) upsert(item.comment, null, item.article, item.reasons);
          setPaging((p) => ({ ...p, [queue]: { next: page.next, loading: false, loaded: true, error: null } }));
        },
        (err: unknown) => {
          if (ticket !== generation.current) return;
          setPaging((p) => ({ ...p, [queue]: { ...p[queue], loading: false, error: err } }));
        },
      );
    },
    [socket, articleFilter, upsert],
  );

  // Watch the desk and load every queue: on mount, on a new filter, and after a connection that
  // lost the session (the desk room went with it, and updates may have been missed).
  useEffect(() => {
    let current = true;
    const start = () => {
      generation.current += 1;
      setItems(new Map());
      setPaging(emptyPaging());
      request(socket, 'mod:watch', {}).then(
        () => {
          if (!current) return;
          setStatus('ready');
          setError(null);
          for (const queue of MOD_QUEUES) loadQueue(queue, false);
        },
        (err: unknown) => {
          if (!current) return;
          setStatus('failed');
          setError(err);
        },
      );
    };
    const offUpdate = listen(socket, 'mod:update', ({ comment, actorName, action, reasons }) => {
      const byOther = actorName !== null && actorName !== self.name;
      upsert(comment, byOther ? { by: actorName, action } : null, undefined, reasons);
    });
    const offConnect = onFreshConnect(socket, start);
    // Not connected yet: the first connection starts the desk.
    if (socket.connected) start();
    return () => {
      current = false;
      offUpdate();
      offConnect();
    };
  }, [socket, self.name, loadQueue, upsert]);

  // The article titles for items that arrive live, and for the filter.
  useEffect(() => {
    const controller = new AbortController();
    listArticles(null, controller.signal).then(
      (page) => {
        for (const a of page.items) articles.current.set(a.id, { id: a.id, slug: a.slug, title: a.title });
        setArticleList(page.items.map((a) => ({ id: a.id, slug: a.slug, title: a.title })));
        // Items that arrived before the titles did get them now.
        setItems(
          (prev) =>
            new Map(
              [...prev].map(([id, item]) => [
                id,
                item.article.slug ? item : { ...item, article: articleOf(item.comment) },
              ]),
            ),
        );
      },
      () => undefined,
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const refresh = useCallback(
    async (commentId: string) => {
      const context = await request(socket, 'mod:context', { commentId });
      upsert(context.comment, null, context.article);
    },
    [socket, upsert],
  );

  const act = useCallback(
    async (item: DeskItem, action: ModAction, reason?: string) => {
      try {
        const after = await request(socket, 'mod:action', {
          commentId: item.comment.id,
          action,
          expectedVersion: item.comment.modVersion,
          ...(reason ? { reason } : {}),
        });
        upsert(after, null);
      } catch (err) {
        if (isRace(err)) await refresh(item.comment.id).catch(() => undefined);
        throw err;
      }
    },
    [socket, upsert, refresh],
  );

  const itemsOf = useCallback(
    (queue: ModQueue) =>
      [...items.values()]
        .filter(
          (item) =>
            (articleFilter === null || item.comment.articleId === articleFilter) &&
            queuesOf(item.comment).includes(queue),
        )
        .sort(newestFirst),
    [items, articleFilter],
  );

  const loadMore = useCallback((queue: ModQueue) => loadQueue(queue, true), [loadQueue]);
  return { status, error, itemsOf, paging, loadMore, act, refresh, articles: articleList };
}
