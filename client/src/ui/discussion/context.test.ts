// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveThread } from '../../realtime/live-thread.js';
import { FakeSocket } from '../../testing/fake-socket.js';
import { comment } from '../../testing/fixtures.js';
import { DiscussionContext, isPlaceholder, useDiscussion, type DiscussionContextValue } from './context.js';

afterEach(() => {
  cleanup();
});

describe('isPlaceholder', () => {
  it('is true only for a comment that is not visible and whose body this viewer may not read', () => {
    expect(isPlaceholder(comment(1))).toBe(false);
    expect(isPlaceholder(comment(1, { status: 'deleted', body: '' }))).toBe(true);
    expect(isPlaceholder(comment(1, { status: 'removed', body: '' }))).toBe(true);
    expect(isPlaceholder(comment(1, { status: 'held', body: '' }))).toBe(true);
    // A moderator, or the author of a held comment, still reads it.
    expect(isPlaceholder(comment(1, { status: 'held', body: 'still readable' }))).toBe(false);
    expect(isPlaceholder(comment(1, { status: 'visible', body: '' }))).toBe(false);
  });
});

describe('useDiscussion', () => {
  it('gives the value of the surrounding provider', () => {
    const value: DiscussionContextValue = {
      thread: new LiveThread(new FakeSocket().socket, null),
      selfId: null,
      isModerator: false,
      slug: 's',
      now: 0,
      continueThread: () => undefined,
      positions: new Map(),
      positionFilter: null,
    };
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(DiscussionContext.Provider, { value }, children);
    const { result } = renderHook(() => useDiscussion(), { wrapper });
    expect(result.current).toBe(value);
  });

  it('refuses to work outside a provider', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useDiscussion())).toThrow('useDiscussion must be used inside');
    spy.mockRestore();
  });
});
