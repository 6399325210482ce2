// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../../../shared/errors.js';
import { LiveError } from '../../realtime/requests.js';
import { formatDateTime } from '../time.js';
import { actionErrorMessage, busyMessage, focusComment, formatSeconds, plural, slowModeNote } from './messages.js';

const refused = (code: ErrorCode, message = `message of ${code}`) => new LiveError({ code, message });

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('actionErrorMessage', () => {
  it("passes the server's public message through", () => {
    expect(actionErrorMessage(refused('SLOW_MODE', 'Slow mode is on.'))).toBe('Slow mode is on.');
    expect(actionErrorMessage(refused('COMMENTS_CLOSED', 'Comments are closed.'))).toBe('Comments are closed.');
  });

  it('explains a refused text with the length limit', () => {
    expect(actionErrorMessage(refused('VALIDATION_FAILED'))).toBe(
      'Parley could not accept that text: it must not be empty or longer than 10,000 characters.',
    );
  });

  it.each(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID'] as const)('asks to sign in again after %s', (code) => {
    expect(actionErrorMessage(refused(code))).toBe('Your session has ended. Sign in again to take part.');
  });

  it('words a mute or a ban from its facts, with the end as a date and the reason', () => {
    const until = '2025-11-26T10:00:00.000Z';
    const muted = new LiveError({ code: 'MUTED', message: 'raw', meta: { until, reason: 'Spam' } });
    expect(actionErrorMessage(muted)).toBe(`You are muted until ${formatDateTime(until)}. Reason: Spam`);
    const banned = new LiveError({ code: 'BANNED', message: 'raw', meta: { until: null } });
    expect(actionErrorMessage(banned)).toBe('You are banned from commenting with no end date.');
    expect(actionErrorMessage(refused('MUTED'))).toBe('You are muted.');
  });

  it('words an overloaded server calmly, with the wait it named', () => {
    const busy = new LiveError({ code: 'OVERLOADED', message: 'raw', meta: { retryAfterMs: 2400 } });
    expect(actionErrorMessage(busy)).toBe('Busy right now — nothing was saved. Try again in 3 s.');
    expect(actionErrorMessage(refused('OVERLOADED'))).toBe(
      'Busy right now — nothing was saved. Try again in a few seconds.',
    );
    expect(busyMessage(2400, true)).toBe('Busy right now — trying again in 3 s.');
    expect(busyMessage(10, true)).toBe('Busy right now — trying again in 1 s.');
  });

  it('blames the connection for anything that is not a refusal', () => {
    const text = 'Parley did not answer in time. Check your connection and try again.';
    expect(actionErrorMessage(new Error('operation has timed out'))).toBe(text);
    expect(actionErrorMessage(undefined)).toBe(text);
  });
});

describe('counts in words', () => {
  it('pluralises with thousands separators', () => {
    expect(plural(1, 'comment')).toBe('1 comment');
    expect(plural(0, 'comment')).toBe('0 comments');
    expect(plural(1234, 'reply', 'replies')).toBe('1,234 replies');
  });

  it('gives seconds, and whole minutes from two minutes on', () => {
    expect(formatSeconds(1)).toBe('1 second');
    expect(formatSeconds(30)).toBe('30 seconds');
    expect(formatSeconds(60)).toBe('60 seconds');
    expect(formatSeconds(90)).toBe('90 seconds');
    expect(formatSeconds(120)).toBe('2 minutes');
    expect(formatSeconds(150)).toBe('150 seconds');
    expect(formatSeconds(3600)).toBe('60 minutes');
  });
});

describe('slowModeNote', () => {
  it('says slow mode is on, and when it is the automatic one, why', () => {
    expect(slowModeNote(0, false)).toBeNull();
    expect(slowModeNote(0, true)).toBeNull();
    expect(slowModeNote(30, false)).toBe('Slow mode is on: readers may post once every 30 seconds.');
    expect(slowModeNote(120, true)).toBe(
      'Slow mode is on (automatic: the discussion is very busy): readers may post once every 2 minutes.',
    );
  });
});

describe('focusComment', () => {
  it('focuses the comment on the next frame', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    document.body.innerHTML =
      '<div tabindex="-1" data-comment-id="c1"></div><div tabindex="-1" data-comment-id="c2"></div>';
    focusComment('c2');
    expect(document.activeElement).toBe(document.body);
    frames.forEach((frame) => frame(0));
    expect(document.activeElement?.getAttribute('data-comment-id')).toBe('c2');
  });

  it('does nothing when the comment is not drawn', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    focusComment('missing');
    expect(() => frames.forEach((frame) => frame(0))).not.toThrow();
    expect(document.activeElement).toBe(document.body);
  });
});
