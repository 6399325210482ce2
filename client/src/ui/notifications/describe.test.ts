import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../../shared/notifications.js';
import { bellLabel } from './Bell.js';
import { notificationHref, notificationTitle } from './describe.js';

const base: Notification = {
  id: 'n1',
  kind: 'reply',
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
  actorName: 'Bo',
  articleId: 'a1',
  articleSlug: 'café talks',
  articleTitle: 'Talks',
  commentId: 'c1',
  debateId: null,
  action: null,
  reason: null,
  excerpt: 'x',
};

describe('notification wording', () => {
  it('says what happened and links to the comment on its article page', () => {
    expect(notificationTitle(base)).toBe('Bo replied to your comment');
    expect(notificationTitle({ ...base, kind: 'mention' })).toBe('Bo mentioned you');
    expect(notificationTitle({ ...base, kind: 'moderation', action: 'removed' })).toBe(
      'A moderator removed your comment',
    );
    expect(notificationTitle({ ...base, kind: 'moderation', action: 'held' })).toBe(
      'A moderator held your comment for review',
    );
    expect(notificationTitle({ ...base, kind: 'debate', commentId: null })).toBe('A debate you follow is live');
    expect(notificationHref(base)).toBe('/a/caf%C3%A9%20talks#comment-c1');
    expect(notificationHref({ ...base, commentId: null })).toBe('/a/caf%C3%A9%20talks');
    expect(notificationHref({ ...base, articleSlug: null })).toBeNull();
  });

  it('puts the unread count in the bell’s name', () => {
    expect(bellLabel(0)).toBe('Notifications, none unread');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
  });
});
