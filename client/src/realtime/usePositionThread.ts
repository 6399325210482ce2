import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ArticleChange } from '../../../shared/events.js';
import type { CommentSort } from '../../../shared/ranking.js';
import { LiveThread } from './live-thread.js';
import { positionFilteredSocket } from './position-socket.js';
import { request } from './requests.js';
import { connectAs } from './socket.js';
import { useConnection } from './useConnection.js';
import type { LiveDiscussion, ThreadPhase } from './useLiveThread.js';

export interface PositionDiscussion extends LiveDiscussion {
  /** The debate position the thread shows (null: all). */
  positionId: string | null;
  /** Joins again showing only comments arguing for `positionId` (null: all). */
  setPositionId(positionId: string | null): void;
  /** Posts a top-level comment arguing for `positionId` (null: none). */
  post(body: string, positionId: string | null): Promise<ArticleChange>;
}

const noThread = () => () => undefined;

/**
 * useLiveThread with a filter by debate position: the same live thread (joins, sorts, syncs and
 * rejoins after reconnects exactly as useLiveThread does), whose top-level reads carry the chosen
 * position, and posting that says which position a comment argues for. Changing the filter joins
 * again on the same thread, like changing the order.
 */
export function usePositionThread(slug: string, selfId: string | null | undefined): PositionDiscussion {
  const [thread, setThread] = useState<LiveThread | null>(null);
  const [phase, setPhase] = useState<ThreadPhase>('waiting');
  const [error, setError] = useState<unknown>(null);
  const [sort, setSortState] = useState<CommentSort>('best');
  const [positionId, setPositionState] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The latest order and filter asked for, read when a new identity starts the thread again and
  // by the socket view at the moment each request leaves.
  const sortRef = useRef<CommentSort>('best');
  const positionRef = useRef<string | null>(null);
  const joinCount = useRef(0);

  /** Joins (again) and keeps only the answer of the latest join for the phase. */
  const join = useCallback(
    (live: LiveThread, order: CommentSort, isCurrent: () => boolean = () => true) => {
      const ticket = ++joinCount.current;
      setPhase('loading');
      live.join(slug, order).then(
        () => {
          if (!isCurrent() || ticket !== joinCount.current) return;
          setError(null);
          setPhase('ready');
        },
        (err: unknown) => {
          if (!isCurrent() || ticket !== joinCount.current) return;
          setError(err);
          setPhase('failed');
        },
      );
    },
    [slug],
  );

  useEffect(() => {
    if (selfId === undefined) return;
    const live = new LiveThread(positionFilteredSocket(connectAs(selfId), () => positionRef.current), selfId);
    let current = true;
    setThread(live);
    join(live, sortRef.current, () => current);
    return () => {
      current = false;
      live.close();
    };
  }, [slug, selfId, attempt, join]);

  // A join that failed while the connection was down is tried again once it is back.
  const { status } = useConnection();
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  useEffect(() => {
    if (status === 'connected' && phaseRef.current === 'failed') setAttempt((n) => n + 1);
  }, [status]);

  const subscribe = useCallback((listener: () => void) => (thread ? thread.subscribe(listener) : noThread()), [thread]);
  const version = useSyncExternalStore(subscribe, () => thread?.version ?? 0);

  const setSort = useCallback(
    (next: CommentSort) => {
      sortRef.current = next;
      setSortState(next);
      if (thread) join(thread, next);
    },
    [thread, join],
  );

  const setPositionId = useCallback(
    (next: string | null) => {
      positionRef.current = next;
      setPositionState(next);
      if (thread) join(thread, sortRef.current);
    },
    [thread, join],
  );

  const post = useCallback(
    async (body: string, position: string | null): Promise<ArticleChange> => {
      if (!thread) throw new Error('The discussion is not open yet.');
      if (position === null || selfId === undefined) return thread.post(body);
      // LiveThread.post names no position: send it here. The comment reaches the thread through
      // the article's live stream, where one's own new comments show at once.
      return request(connectAs(selfId), 'comment:create', { articleId: thread.state.articleId, parentId: null, body, positionId: position });
    },
    [thread, selfId],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { thread, version, phase, error, sort, setSort, retry, positionId, setPositionId, post };
}
