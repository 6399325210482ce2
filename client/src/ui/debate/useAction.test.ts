// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveError } from '../../realtime/requests.js';
import { deferred } from '../../testing/deferred.js';
import { debateErrorMessage, useAction } from './useAction.js';

afterEach(() => {
  cleanup();
});

describe('debateErrorMessage', () => {
  it("passes the server's message through", () => {
    expect(debateErrorMessage(new LiveError({ code: 'FORBIDDEN', message: 'Only the host can do that.' }))).toBe(
      'Only the host can do that.',
    );
  });

  it.each(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID'] as const)('asks to sign in after %s', (code) => {
    expect(debateErrorMessage(new LiveError({ code, message: 'x' }))).toBe('Sign in to take part in the debate.');
  });

  it('blames the connection for anything else', () => {
    expect(debateErrorMessage(new Error('operation has timed out'))).toBe(
      'Parley did not answer in time. Check your connection and try again.',
    );
  });
});

describe('useAction', () => {
  it('is busy while an action runs and resolves true when it succeeds', async () => {
    const { result } = renderHook(() => useAction());
    const answer = deferred<void>();
    let outcome: Promise<boolean> | undefined;
    act(() => {
      outcome = result.current.run(() => answer.promise);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => answer.resolve());
    await expect(outcome).resolves.toBe(true);
    expect(result.current).toMatchObject({ busy: false, error: '' });
  });

  it('refuses a second action while one runs (no double sends)', async () => {
    const { result } = renderHook(() => useAction());
    const answer = deferred<void>();
    let second: Promise<boolean> | undefined;
    let ran = false;
    act(() => {
      void result.current.run(() => answer.promise);
      second = result.current.run(async () => {
        ran = true;
      });
    });
    await expect(second).resolves.toBe(false);
    expect(ran).toBe(false);
    await act(async () => answer.resolve());
  });

  it('turns a refusal into an error sentence, cleared by the next run or by hand', async () => {
    const { result } = renderHook(() => useAction());
    let outcome: boolean | undefined;
    await act(async () => {
      outcome = await result.current.run(async () => {
        throw new LiveError({ code: 'CONFLICT', message: 'Someone else moved first.' });
      });
    });
    expect(outcome).toBe(false);
    expect(result.current).toMatchObject({ busy: false, error: 'Someone else moved first.' });

    act(() => result.current.clearError());
    expect(result.current.error).toBe('');

    await act(async () => {
      await result.current.run(async () => {
        throw new Error('timeout');
      });
    });
    expect(result.current.error).toMatch(/did not answer in time/);
    const answer = deferred<void>();
    act(() => void result.current.run(() => answer.promise));
    expect(result.current.error).toBe('');
    await act(async () => answer.resolve());
  });
});
