import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ArticleChange } from '../../../shared/events.js';
import type { CommentSort } from '../../../shared/ranking.js';
import { LiveThread } from './live-thread.js';
import { connectAs } from './socket.js';
import { useConnection } from './useConnection.js';

/** waiting: the session is still being restored; loading: joining (or re-sorting); ready; failed. */
export type ThreadPhase = 'waiting' | 'loading' | 'ready' | 'failed';

export interface LiveDiscussion {
  /** The live thread of the article, or null while waiting for the session. */
  thread: LiveThread | null;
  /** Bumped on every change of the thread: a new value means "render again". */
  version: number;
  phase: ThreadPhase;
  /** Why the last join failed (phase `failed`). */
  error: unknown;
  /** The order asked for; the thread's own `state.sort` follows once the server answered. */
  sort: CommentSort;
  setSort(sort: CommentSort): void;
  /** The debate position the thread shows (null: all). */
  positionId: string | null;
  /** Joins again showing only comments arguing for `positionId` (null: all). */
  setPositionId(positionId: string | null): void;
  /** Posts a top-level comment, arguing for `positionId` when one is given. */
  post(body: string, positionId: string | null): Promise<ArticleChange>;
  retry(): void;
}

const noThread = () => () => undefined;

/**
 * Opens the live discussion of `slug` as `selfId` (null: a guest; undefined: not known yet, so wait).
 * A new identity (sign-in, sign-out) reconnects the socket and starts a new LiveThread, because the
 * server reads who is speaking from the handshake and the thread shows one's own posts at once.
 * Changing the order or the position filter joins again on the same thread.
 */
export function useLiveThread(slug: string, selfId: string | null | undefined): LiveDiscussion {
  const [thread, setThread] = useState<LiveThread | null>(null);
  const [phase, setPhase] = useState<ThreadPhase>('waiting');
  const [error, setError] = useState<unknown>(null);
  const [sort, setSortState] = useState<CommentSort>('best');
  const [positionId, setPositionState] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The latest order and filter asked for, read when a new identity starts the thread again.
  const sortRef = useRef<CommentSort>('best');
  const positionRef = useRef<string | null>(null);
  const joinCount = useRef(0);

  /** Joins (again) and keeps only the answer of the latest join for the phase. */
  const join = useCallback(
    (live: LiveThread, isCurrent: () => boolean = () => true) => {
      const ticket = ++joinCount.current;
      setPhase('loading');
      live.join(slug, sortRef.current, positionRef.current).then(
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
    const live = new LiveThread(connectAs(selfId), selfId);
    let current = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the effect owns the thread (opened here, closed in cleanup); state is how render gets it
    setThread(live);
    join(live, () => current);
    return () => {
      current = false;
      live.close();
    };
  }, [slug, selfId, attempt, join]);

  // A join that failed while the connection was down is tried again once it is back.
  const { status } = useConnection();
  const phaseRef = useRef(phase);
  useEffect(() => {
    phaseRef.current = phase;
  }, [phase]);
  useEffect(() => {
    if (status === 'connected' && phaseRef.current === 'failed') setAttempt((n) => n + 1);
  }, [status]);

  const subscribe = useCallback((listener: () => void) => (thread ? thread.subscribe(listener) : noThread()), [thread]);
  const version = useSyncExternalStore(subscribe, () => thread?.version ?? 0);

  const setSort = useCallback(
    (next: CommentSort) => {
      sortRef.current = next;
      setSortState(next);
      if (thread) join(thread);
    },
    [thread, join],
  );

  const setPositionId = useCallback(
    (next: string | null) => {
      positionRef.current = next;
      setPositionState(next);
      if (thread) join(thread);
    },
    [thread, join],
  );

  const post = useCallback(
    async (body: string, position: string | null): Promise<ArticleChange> => {
      if (!thread) throw new Error('The discussion is not open yet.');
      return thread.post(body, null, position);
    },
    [thread],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { thread, version, phase, error, sort, setSort, positionId, setPositionId, post, retry };
}
