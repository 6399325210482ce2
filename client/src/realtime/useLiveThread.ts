import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
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
  retry(): void;
}

const noThread = () => () => undefined;

/**
 * Opens the live discussion of `slug` as `selfId` (null: a guest; undefined: not known yet, so wait).
 * A new identity (sign-in, sign-out) reconnects the socket and starts a new LiveThread, because the
 * server reads who is speaking from the handshake and the thread shows one's own posts at once.
 */
export function useLiveThread(slug: string, selfId: string | null | undefined): LiveDiscussion {
  const [thread, setThread] = useState<LiveThread | null>(null);
  const [phase, setPhase] = useState<ThreadPhase>('waiting');
  const [error, setError] = useState<unknown>(null);
  const [sort, setSortState] = useState<CommentSort>('best');
  const [attempt, setAttempt] = useState(0);
  // The latest order asked for, read when a new identity starts the thread again.
  const sortRef = useRef<CommentSort>('best');
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
    const live = new LiveThread(connectAs(selfId), selfId);
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
    // Only the connection coming back triggers this, not the phase turning to failed.
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

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { thread, version, phase, error, sort, setSort, retry };
}
