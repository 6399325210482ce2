// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, type Deferred } from '../testing/deferred.js';
import type { Page } from './endpoints.js';
import { usePagedList } from './usePagedList.js';

interface Item {
  id: string;
}

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

afterEach(() => {
  cleanup();
});

/** A page loader whose every call waits for the test. */
function pagedServer() {
  const calls: Array<{ key: string; after: string | null; signal: AbortSignal; answer: Deferred<Page<Item>> }> = [];
  const loaderFor = (key: string) => (after: string | null, signal: AbortSignal) => {
    const answer = deferred<Page<Item>>();
    calls.push({ key, after, signal, answer });
    return answer.promise;
  };
  const last = () => calls.at(-1)!;
  return { calls, loaderFor, last };
}

function render(server: ReturnType<typeof pagedServer>, key = 'k1') {
  return renderHook((props: { key: string }) => usePagedList(server.loaderFor(props.key), [props.key]), {
    initialProps: { key },
  });
}

describe('usePagedList', () => {
  it('loads the first page', async () => {
    const server = pagedServer();
    const { result } = render(server);
    expect(result.current).toMatchObject({ items: [], next: null, status: 'loading', error: null });
    expect(server.last().after).toBeNull();
    await act(async () => server.last().answer.resolve({ items: items('a', 'b'), next: 'n1' }));
    expect(result.current).toMatchObject({ items: items('a', 'b'), next: 'n1', status: 'ready' });
  });

  it('appends the next page after the cursor, skipping items already shown', async () => {
    const server = pagedServer();
    const { result } = render(server);
    await act(async () => server.last().answer.resolve({ items: items('a', 'b'), next: 'n1' }));

    act(() => result.current.loadMore());
    expect(result.current.status).toBe('loading-more');
    expect(result.current.items).toEqual(items('a', 'b'));
    expect(server.last().after).toBe('n1');

    await act(async () => server.last().answer.resolve({ items: items('b', 'c'), next: null }));
    expect(result.current).toMatchObject({ items: items('a', 'b', 'c'), next: null, status: 'ready' });
  });

  it('asks for nothing more on the last page or while a page loads', async () => {
    const server = pagedServer();
    const { result } = render(server);
    act(() => result.current.loadMore());
    expect(server.calls).toHaveLength(1);
    await act(async () => server.last().answer.resolve({ items: items('a'), next: 'n1' }));
    act(() => result.current.loadMore());
    act(() => result.current.loadMore());
    expect(server.calls).toHaveLength(2);
    await act(async () => server.last().answer.resolve({ items: [], next: null }));
    act(() => result.current.loadMore());
    expect(server.calls).toHaveLength(2);
  });

  it('reports a failed first page, and starts again on reload', async () => {
    const server = pagedServer();
    const { result } = render(server);
    const error = new Error('offline');
    await act(async () => server.last().answer.reject(error));
    expect(result.current).toMatchObject({ status: 'failed', error, items: [] });

    act(() => result.current.reload());
    expect(result.current).toMatchObject({ status: 'loading', error: null });
    expect(server.last().after).toBeNull();
    await act(async () => server.last().answer.resolve({ items: items('a'), next: null }));
    expect(result.current).toMatchObject({ status: 'ready', items: items('a') });
  });

  it('keeps the items shown when a further page fails, and can try that page again', async () => {
    const server = pagedServer();
    const { result } = render(server);
    await act(async () => server.last().answer.resolve({ items: items('a'), next: 'n1' }));
    act(() => result.current.loadMore());
    await act(async () => server.last().answer.reject(new Error('offline')));
    expect(result.current).toMatchObject({ status: 'failed-more', items: items('a'), next: 'n1' });

    act(() => result.current.loadMore());
    expect(server.last().after).toBe('n1');
    await act(async () => server.last().answer.resolve({ items: items('b'), next: null }));
    expect(result.current).toMatchObject({ status: 'ready', items: items('a', 'b') });
  });

  it('reload drops the items and aborts a page still loading', async () => {
    const server = pagedServer();
    const { result } = render(server);
    await act(async () => server.last().answer.resolve({ items: items('a'), next: 'n1' }));
    act(() => result.current.loadMore());
    const more = server.last();
    act(() => result.current.reload());
    expect(more.signal.aborted).toBe(true);
    expect(result.current).toMatchObject({ items: [], next: null, status: 'loading' });

    await act(async () => more.answer.resolve({ items: items('late'), next: null }));
    expect(result.current.status).toBe('loading');
    await act(async () => server.last().answer.resolve({ items: items('fresh'), next: null }));
    expect(result.current.items).toEqual(items('fresh'));
  });

  it('starts from the first page with the newest loader when the dependencies change', async () => {
    const server = pagedServer();
    const { result, rerender } = render(server, 'k1');
    const first = server.last();
    rerender({ key: 'k2' });
    expect(first.signal.aborted).toBe(true);
    expect(server.last()).toMatchObject({ key: 'k2', after: null });

    await act(async () => first.answer.reject(new Error('aborted late')));
    expect(result.current.status).toBe('loading');
    await act(async () => server.last().answer.resolve({ items: items('x'), next: null }));
    expect(result.current.items).toEqual(items('x'));
  });

  it('ignores an AbortError from the loader', async () => {
    const server = pagedServer();
    const { result } = render(server);
    await act(async () => server.last().answer.reject(new DOMException('stopped', 'AbortError')));
    expect(result.current.status).toBe('loading');
  });

  it('aborts the load on unmount', () => {
    const server = pagedServer();
    const { unmount } = render(server);
    unmount();
    expect(server.last().signal.aborted).toBe(true);
  });
});
