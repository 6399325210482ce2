import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Page } from './endpoints.js';
import { isAbortError } from './errors.js';

export type PagedStatus = 'loading' | 'ready' | 'loading-more' | 'failed' | 'failed-more';

export interface PagedList<T> {
  items: T[];
  /** Cursor of the next page; null when the last page is loaded. */
  next: string | null;
  status: PagedStatus;
  error: unknown;
  /** Appends the next page (no-op on the last page or while loading). */
  loadMore(): void;
  /** Starts again from the first page. */
  reload(): void;
}

interface ListState<T> {
  /** The `deps` this state was loaded for: state for other deps reads as a first load. */
  key: DependencyList;
  items: T[];
  next: string | null;
  status: PagedStatus;
  error: unknown;
}

/** Loading the first page for `key`, nothing shown yet. */
const firstLoad = <T>(key: DependencyList): ListState<T> => ({
  key,
  items: [],
  next: null,
  status: 'loading',
  error: null,
});

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Appends `page` to `items`, skipping ids already shown (an item may move between pages). */
function appendNew<T extends { id: string }>(items: T[], page: T[]): T[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !seen.has(item.id))];
}

/**
 * A cursor-paged list (`{ items, next }` answers, `?after=<next>`). Loads the first page when
 * `deps` change; only one load runs at a time, and a newer load aborts an older one.
 */
export function usePagedList<T extends { id: string }>(
  loadPage: (after: string | null, signal: AbortSignal) => Promise<Page<T>>,
  deps: DependencyList,
): PagedList<T> {
  const [state, setState] = useState(() => firstLoad<T>(deps));
  const loader = useRef(loadPage);
  const inFlight = useRef<AbortController | null>(null);
  /** The deps of the latest first-page load: answers are stored under it. */
  const currentKey = useRef(deps);

  // Declared before the loading effect so it always runs first and the load sees the newest closure.
  useEffect(() => {
    loader.current = loadPage;
  });

  /** Loads a page; only the answer sets state, so the loading effect sets none synchronously. */
  const startLoad = useCallback((after: string | null) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const key = currentKey.current;
    const appending = after !== null;
    loader.current(after, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          key,
          items: appending ? appendNew(s.items, page.items) : page.items,
          next: page.next,
          status: 'ready',
          error: null,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((s) =>
          appending ? { ...s, status: 'failed-more', error } : { ...firstLoad<T>(key), status: 'failed', error },
        );
      },
    );
  }, []);

  useEffect(() => {
    currentKey.current = deps;
    startLoad(null);
    return () => inFlight.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` is the caller's list of what `loadPage` depends on
  }, deps);

  // Until the first answer for these deps is in, the list is loading from scratch.
  const view = sameDeps(state.key, deps) ? state : firstLoad<T>(deps);
  const { next, status } = view;
  const loadMore = useCallback(() => {
    if (next === null || status === 'loading' || status === 'loading-more') return;
    setState((s) => ({ ...s, status: 'loading-more', error: null }));
    startLoad(next);
  }, [startLoad, next, status]);
  const reload = useCallback(() => {
    setState(firstLoad<T>(currentKey.current));
    startLoad(null);
  }, [startLoad]);

  const { items, error } = view;
  return { items, next, status, error, loadMore, reload };
}
