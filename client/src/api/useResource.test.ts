// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred, type Deferred } from '../testing/deferred.js';
import { useResource } from './useResource.js';

afterEach(() => {
  cleanup();
});

/** A loader whose every call waits for the test; `calls` holds each call's signal and answer. */
function controlledLoader<T>() {
  const calls: Array<{ key: string; signal: AbortSignal; answer: Deferred<T> }> = [];
  const loaderFor = (key: string) =>
    vi.fn((signal: AbortSignal) => {
      const answer = deferred<T>();
      calls.push({ key, signal, answer });
      return answer.promise;
    });
  return { calls, loaderFor };
}

function render<T>(loaderFor: (key: string) => (signal: AbortSignal) => Promise<T>, key = 'a') {
  return renderHook((props: { key: string }) => useResource(loaderFor(props.key), [props.key]), {
    initialProps: { key },
  });
}

describe('useResource', () => {
  it('is loading, then ready with the data', async () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { result } = render(loaderFor);
    expect(result.current[0]).toEqual({ state: 'loading' });
    expect(calls).toHaveLength(1);
    await act(async () => calls[0]!.answer.resolve('data-a'));
    expect(result.current[0]).toEqual({ state: 'ready', data: 'data-a' });
  });

  it('reports a failure with its error', async () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { result } = render(loaderFor);
    const error = new Error('boom');
    await act(async () => calls[0]!.answer.reject(error));
    expect(result.current[0]).toEqual({ state: 'failed', error });
  });

  it('loads again, aborting the older load, when the dependencies change', async () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { result, rerender } = render(loaderFor, 'a');
    rerender({ key: 'b' });
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);

    // The slow answer for the old key never overwrites the new one.
    await act(async () => calls[1]!.answer.resolve('data-b'));
    await act(async () => calls[0]!.answer.resolve('data-a'));
    expect(result.current[0]).toEqual({ state: 'ready', data: 'data-b' });
  });

  it('does not load again when rendered with the same dependencies', () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { rerender } = render(loaderFor, 'a');
    rerender({ key: 'a' });
    expect(calls).toHaveLength(1);
  });

  it('ignores the failure of an aborted load and an AbortError', async () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { result, rerender } = render(loaderFor, 'a');
    rerender({ key: 'b' });
    await act(async () => calls[0]!.answer.reject(new Error('late')));
    expect(result.current[0]).toEqual({ state: 'loading' });
    await act(async () => calls[1]!.answer.reject(new DOMException('stopped', 'AbortError')));
    expect(result.current[0]).toEqual({ state: 'loading' });
  });

  it('loads again on reload, showing loading meanwhile', async () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { result } = render(loaderFor);
    await act(async () => calls[0]!.answer.reject(new Error('offline')));
    act(() => result.current[1]());
    expect(result.current[0]).toEqual({ state: 'loading' });
    expect(calls).toHaveLength(2);
    await act(async () => calls[1]!.answer.resolve('back'));
    expect(result.current[0]).toEqual({ state: 'ready', data: 'back' });
  });

  it('aborts the load on unmount', () => {
    const { calls, loaderFor } = controlledLoader<string>();
    const { unmount } = render(loaderFor);
    unmount();
    expect(calls[0]!.signal.aborted).toBe(true);
  });
});
