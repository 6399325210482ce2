import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../shared/notifications.js';
import { EMPTY_LIST, withNew, withPage, withRead } from './notification-list.js';

const n = (id: string, readAt: string | null = null): Notification => ({
  id,
  kind: 'reply',
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt,
  actorName: 'Bo',
  articleId: 'a',
  articleSlug: 's',
  articleTitle: 'T',
  commentId: 'c',
  debateId: null,
  action: null,
  reason: null,
  excerpt: 'x',
});

describe('notification list', () => {
  it('puts a new one on top once and takes the server’s count', () => {
    let list = withPage(EMPTY_LIST, { items: [n('b')], next: 'cur', unread: 1 }, 'replace');
    list = withNew(list, { notification: n('c'), unread: 2 });
    list = withNew(list, { notification: n('c'), unread: 2 });
    expect(list.items.map((x) => x.id)).toEqual(['c', 'b']);
    expect(list.unread).toBe(2);
    expect(list.loaded).toBe(true);
  });

  it('appends further pages without repeats and replaces on a reload', () => {
    let list = withPage(EMPTY_LIST, { items: [n('c'), n('b')], next: 'cur', unread: 2 }, 'replace');
    list = withPage(list, { items: [n('b'), n('a')], next: null, unread: 2 }, 'append');
    expect(list.items.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(list.next).toBeNull();
    list = withPage(list, { items: [n('d')], next: 'x', unread: 1 }, 'replace');
    expect(list.items.map((x) => x.id)).toEqual(['d']);
  });

  it('marks the named ones read, or all, keeping earlier read times', () => {
    let list = withPage(EMPTY_LIST, { items: [n('c'), n('b', 'earlier'), n('a')], next: null, unread: 2 }, 'replace');
    list = withRead(list, { ids: ['a'], unread: 1 }, 'now');
    expect(list.items.map((x) => x.readAt)).toEqual([null, 'earlier', 'now']);
    list = withRead(list, { ids: null, unread: 0 }, 'later');
    expect(list.items.map((x) => x.readAt)).toEqual(['later', 'earlier', 'now']);
    expect(list.unread).toBe(0);
  });
});
