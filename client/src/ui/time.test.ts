// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatRelative, useNow } from './time.js';

const NOW = Date.parse('2025-06-15T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('formatDate and formatDateTime', () => {
  it('writes a long English date', () => {
    // Midday UTC is the same calendar day in every usual time zone.
    expect(formatDate('2025-11-26T12:00:00.000Z')).toBe('November 26, 2025');
  });

  it('adds the time for tooltips', () => {
    const text = formatDateTime('2025-11-26T12:00:00.000Z');
    expect(text).toContain('November 26, 2025');
    expect(text).toMatch(/\d{1,2}:\d{2}\s?(AM|PM)/);
  });

  it('gives back text it cannot read as a time', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(formatDateTime('')).toBe('');
  });
});

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [44 * SECOND, 'just now'],
    [45 * SECOND, '1 min ago'],
    [89 * SECOND, '1 min ago'],
    [90 * SECOND, '2 min ago'],
    [59 * MINUTE, '59 min ago'],
    [HOUR, '1 hour ago'],
    [2 * HOUR - 1, '1 hour ago'],
    [2 * HOUR, '2 hours ago'],
    [DAY - 1, '23 hours ago'],
    [DAY, 'yesterday'],
    [2 * DAY - 1, 'yesterday'],
    [2 * DAY, '2 days ago'],
    [7 * DAY - 1, '6 days ago'],
  ])('%i ms ago reads "%s"', (elapsed, text) => {
    expect(formatRelative(ago(elapsed), NOW)).toBe(text);
  });

  it('counts a time slightly in the future as just now', () => {
    expect(formatRelative(ago(-5 * MINUTE), NOW)).toBe('just now');
  });

  it('gives the date from a week on', () => {
    expect(formatRelative(ago(7 * DAY), NOW)).toBe('June 8, 2025');
  });

  it('gives back text it cannot read as a time', () => {
    expect(formatRelative('not a time', NOW)).toBe('not a time');
  });

  // Rounding, not flooring, the minutes: the last half minute of the first hour reads "60 min ago".
  it('reads the last moments of the first hour as 60 minutes', () => {
    expect(formatRelative(ago(HOUR - 20 * SECOND), NOW)).toBe('60 min ago');
  });
});

describe('useNow', () => {
  it('refreshes the time every interval, and stops on unmount', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const { result, unmount } = renderHook(() => useNow(10_000));
    expect(result.current).toBe(NOW);
    act(() => vi.advanceTimersByTime(9_999));
    expect(result.current).toBe(NOW);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(NOW + 10_000);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refreshes every thirty seconds by default', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const { result } = renderHook(() => useNow());
    act(() => vi.advanceTimersByTime(30_000));
    expect(result.current).toBe(NOW + 30_000);
  });
});
