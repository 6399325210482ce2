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
  items: T[];
  next: string | null;
  status: PagedStatus;
  error: unknown;
}

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
  const [state, setState] = useState<ListState<T>>({ items: [], next: null, status: 'loading', error: null });
  const loader = useRef(loadPage);
  const inFlight = useRef<AbortController | null>(null);

  // Declared before the loading effect so it always runs first and the load sees the newest closure.
  useEffect(() => {
    loader.current = loadPage;
  });

  const fetchPage = useCallback((after: string | null) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const appending = after !== null;
    setState((s) => ({
      ...s,
      items: appending ? s.items : [],
      next: appending ? s.next : null,
      status: appending ? 'loading-more' : 'loading',
      error: null,
    }));
    loader.current(after, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          items: appending ? appendNew(s.items, page.items) : page.items,
          next: page.next,
          status: 'ready',
          error: null,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((s) => ({ ...s, status: appending ? 'failed-more' : 'failed', error }));
      },
    );
  }, []);

  useEffect(() => {
    fetchPage(null);
    return () => inFlight.current?.abort();
  }, deps);

  const { next, status } = state;
  const loadMore = useCallback(() => {
    if (next !== null && status !== 'loading' && status !== 'loading-more') fetchPage(next);
  }, [fetchPage, next, status]);
  const reload = useCallback(() => fetchPage(null), [fetchPage]);

  return { ...state, loadMore, reload };
}
