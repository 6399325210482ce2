/** Notifications in SQLite (notification-store.ts): migration 11 and the methods. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationKind,
  type NotificationSettings,
  type NotifiedModAction,
} from '../../../shared/notifications.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { NewNotification, NotificationRecord, NotificationStore } from '../notification-store.js';

/**
 * Migration 11: notifications (newest first per user, and the unread ones per user for the count),
 * each user's notification settings, and who follows which debate. No foreign keys to users: a
 * notification outlives nothing it names, and the digest reads users by id anyway.
 */
export const NOTIFICATIONS_MIGRATION = `
  CREATE TABLE IF NOT EXISTS notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'mention', 'moderation', 'debate')),
    created_at TEXT NOT NULL,
    read_at TEXT,
    emailed_at TEXT,
    actor_name TEXT,
    article_id TEXT,
    article_slug TEXT,
    article_title TEXT,
    comment_id TEXT,
    debate_id TEXT,
    action TEXT,
    reason TEXT,
    excerpt TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, created_at DESC, id DESC);
  CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
  CREATE TABLE IF NOT EXISTS notification_settings (
    user_id TEXT PRIMARY KEY,
    replies INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    moderation INTEGER NOT NULL,
    debates INTEGER NOT NULL,
    digest INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS debate_follows (
    debate_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (debate_id, user_id)
  );
`;

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
  actor_name: string | null;
  article_id: string | null;
  article_slug: string | null;
  article_title: string | null;
  comment_id: string | null;
  debate_id: string | null;
  action: NotifiedModAction | null;
  reason: string | null;
  excerpt: string;
}

interface SettingsRow {
  user_id: string;
  replies: number;
  mentions: number;
  moderation: number;
  debates: number;
  digest: number;
}

const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  createdAt: r.created_at,
  readAt: r.read_at,
  emailedAt: r.emailed_at,
  actorName: r.actor_name,
  articleId: r.article_id,
  articleSlug: r.article_slug,
  articleTitle: r.article_title,
  commentId: r.comment_id,
  debateId: r.debate_id,
  action: r.action,
  reason: r.reason,
  excerpt: r.excerpt,
});

const toSettings = (r: SettingsRow): NotificationSettings => ({
  replies: r.replies === 1,
  mentions: r.mentions === 1,
  moderation: r.moderation === 1,
  debates: r.debates === 1,
  digest: r.digest === 1,
});

export function notificationMethods(db: Database): NotificationStore {
  const insert = db.prepare(
    `INSERT INTO notifications (id, user_id, kind, created_at, actor_name, article_id, article_slug, article_title,
       comment_id, debate_id, action, reason, excerpt)
     VALUES (@id, @userId, @kind, @createdAt, @actorName, @articleId, @articleSlug, @articleTitle,
       @commentId, @debateId, @action, @reason, @excerpt)`,
  );
  const insertAll = db.transaction((records: NotificationRecord[]) => {
    for (const r of records) insert.run(r);
  });
  const first = db.prepare<[string, number], NotificationRow>(
    'SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const after = db.prepare<[string, string, string, string, number], NotificationRow>(
    `SELECT * FROM notifications WHERE user_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const unread = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
  );
  const readAll = db.prepare<[string, string]>(
    'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL',
  );
  // The ids travel as one JSON array: one statement for any number of them.
  const readSome = db.prepare<[string, string, string]>(
    `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL
     AND id IN (SELECT value FROM json_each(?))`,
  );
  const settingsOf = db.prepare<[string], SettingsRow>(
    'SELECT * FROM notification_settings WHERE user_id IN (SELECT value FROM json_each(?))',
  );
  const saveSettings = db.prepare(
    `INSERT INTO notification_settings (user_id, replies, mentions, moderation, debates, digest)
     VALUES (@userId, @replies, @mentions, @moderation, @debates, @digest)
     ON CONFLICT (user_id) DO UPDATE SET replies = excluded.replies, mentions = excluded.mentions,
       moderation = excluded.moderation, debates = excluded.debates, digest = excluded.digest`,
  );
  const follow = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO debate_follows (debate_id, user_id) VALUES (?, ?)',
  );
  const unfollow = db.prepare<[string, string]>('DELETE FROM debate_follows WHERE debate_id = ? AND user_id = ?');
  const following = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM debate_follows WHERE debate_id = ? AND user_id = ?',
  );
  const followers = db.prepare<[string], { user_id: string }>('SELECT user_id FROM debate_follows WHERE debate_id = ?');
  const recipients = db.prepare<[number], { user_id: string }>(
    `SELECT s.user_id FROM notification_settings s WHERE s.digest = 1 AND EXISTS (
       SELECT 1 FROM notifications n WHERE n.user_id = s.user_id AND n.read_at IS NULL AND n.emailed_at IS NULL)
     LIMIT ?`,
  );
  const undigested = db.prepare<[string, number], NotificationRow>(
    `SELECT * FROM notifications WHERE user_id = ? AND read_at IS NULL AND emailed_at IS NULL
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const digested = db.prepare<[string, string]>(
    'UPDATE notifications SET emailed_at = ? WHERE emailed_at IS NULL AND id IN (SELECT value FROM json_each(?))',
  );
  const settingsMap = (userIds: readonly string[]) => {
    const map = new Map<string, NotificationSettings>();
    for (const userId of userIds) map.set(userId, { ...DEFAULT_NOTIFICATION_SETTINGS });
    if (userIds.length > 0)
      for (const row of settingsOf.all(JSON.stringify(userIds))) map.set(row.user_id, toSettings(row));
    return map;
  };
  const patchSettings = db.transaction((userId: string, patch: Partial<NotificationSettings>) => {
    const next = { ...settingsMap([userId]).get(userId)!, ...patch };
    const bit = (b: boolean) => (b ? 1 : 0);
    saveSettings.run({
      userId,
      replies: bit(next.replies),
      mentions: bit(next.mentions),
      moderation: bit(next.moderation),
      debates: bit(next.debates),
      digest: bit(next.digest),
    });
    return next;
  });

  return {
    async addNotifications(items: readonly NewNotification[]) {
      const records = items.map((n): NotificationRecord => ({ ...n, id: randomUUID(), readAt: null, emailedAt: null }));
      if (records.length > 0) insertAll(records);
      return records;
    },
    async listNotifications(userId, { limit, after: cursorText }) {
      const cursor = decodeCursor(cursorText);
      const rows = cursor
        ? after.all(userId, cursor.time, cursor.time, cursor.id, limit + 1)
        : first.all(userId, limit + 1);
      const items = rows.slice(0, limit).map(toNotification);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    async countUnreadNotifications(userId) {
      return unread.get(userId)?.n ?? 0;
    },
    async markNotificationsRead(userId, ids, at) {
      if (ids === 'all') return readAll.run(at, userId).changes;
      if (ids.length === 0) return 0;
      return readSome.run(at, userId, JSON.stringify(ids)).changes;
    },
    async getNotificationSettings(userIds) {
      return settingsMap(userIds);
    },
    async setNotificationSettings(userId, patch) {
      return patchSettings.immediate(userId, patch);
    },
    async setDebateFollow(debateId, userId, yes) {
      (yes ? follow : unfollow).run(debateId, userId);
    },
    async isFollowingDebate(debateId, userId) {
      return (following.get(debateId, userId)?.n ?? 0) > 0;
    },
    async listDebateFollowers(debateId) {
      return followers.all(debateId).map((r) => r.user_id);
    },
    async listDigestRecipients(limit) {
      return recipients.all(limit).map((r) => r.user_id);
    },
    async listUndigested(userId, limit) {
      return undigested.all(userId, limit).map(toNotification);
    },
    async markDigested(ids, at) {
      if (ids.length > 0) digested.run(at, JSON.stringify(ids));
    },
  };
}
