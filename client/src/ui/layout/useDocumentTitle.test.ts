// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDocumentTitle } from './useDocumentTitle.js';

afterEach(() => {
  cleanup();
});

describe('useDocumentTitle', () => {
  it('names the page, then Parley alone without a title', () => {
    const { rerender } = renderHook((props: { title: string | null }) => useDocumentTitle(props.title), {
      initialProps: { title: 'An article' as string | null },
    });
    expect(document.title).toBe('An article · Parley');
    rerender({ title: null });
    expect(document.title).toBe('Parley');
    rerender({ title: '' });
    expect(document.title).toBe('Parley');
  });
});
