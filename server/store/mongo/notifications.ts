/**
 * Notifications in MongoDB (notification-store.ts), as the SQLite adapter keeps them
 * (server/store/sqlite/notifications.ts): collections `notifications`, `notification_settings`
 * (`_id` = user id) and `debate_follows` (`_id` = `<debateId>:<userId>`, so a second follow is the
 * same document).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationSettings,
} from '../../../shared/notifications.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { NotificationRecord, NotificationStore } from '../notification-store.js';

/** A notification as its recipient sees it (shared/notifications.ts), keyed by `_id`, with its owner and digest mark. */
interface NotificationDoc extends Omit<Notification, 'id'> {
  _id: string;
  userId: string;
  emailedAt: string | null;
}

interface SettingsDoc extends NotificationSettings {
  _id: string;
}

interface FollowDoc {
  _id: string;
  debateId: string;
  userId: string;
}

const nullableString = { type: String, default: null };
const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    createdAt: { type: String, required: true },
    readAt: nullableString,
    emailedAt: nullableString,
    actorName: nullableString,
    articleId: nullableString,
    articleSlug: nullableString,
    articleTitle: nullableString,
    commentId: nullableString,
    debateId: nullableString,
    action: nullableString,
    reason: nullableString,
    excerpt: { type: String, default: '' },
  },
  { versionKey: false, strictQuery: true, minimize: false, collection: 'notifications' },
);
// Newest first per user (the list), and the unread ones per user (the count and the digest).
notificationSchema.index({ userId: 1, createdAt: -1, _id: -1 }, { name: 'notifications_user' });
// (A compound index, not a partial one: partial filters cannot test for null.)
notificationSchema.index({ userId: 1, readAt: 1, emailedAt: 1 }, { name: 'notifications_unread' });

const settingsSchema = new Schema<SettingsDoc>(
  {
    _id: { type: String, required: true },
    replies: { type: Boolean, required: true },
    mentions: { type: Boolean, required: true },
    moderation: { type: Boolean, required: true },
    debates: { type: Boolean, required: true },
    digest: { type: Boolean, required: true },
  },
  { versionKey: false, strictQuery: true, collection: 'notification_settings' },
);
settingsSchema.index({ digest: 1 }, { name: 'notification_settings_digest' });

const followSchema = new Schema<FollowDoc>(
  {
    _id: { type: String, required: true },
    debateId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { versionKey: false, strictQuery: true, collection: 'debate_follows' },
);
followSchema.index({ debateId: 1 }, { name: 'debate_follows_debate' });

const toNotification = (d: NotificationDoc): NotificationRecord => ({
  id: d._id,
  userId: d.userId,
  kind: d.kind,
  createdAt: d.createdAt,
  readAt: d.readAt ?? null,
  emailedAt: d.emailedAt ?? null,
  actorName: d.actorName ?? null,
  articleId: d.articleId ?? null,
  articleSlug: d.articleSlug ?? null,
  articleTitle: d.articleTitle ?? null,
  commentId: d.commentId ?? null,
  debateId: d.debateId ?? null,
  action: d.action ?? null,
  reason: d.reason ?? null,
  excerpt: d.excerpt ?? '',
});

const toSettings = (d: SettingsDoc): NotificationSettings => ({
  replies: d.replies,
  mentions: d.mentions,
  moderation: d.moderation,
  debates: d.debates,
  digest: d.digest,
});

/** Registers the models on `conn`, waits for their collections and indexes, and returns the methods. */
export async function notificationOps(conn: Connection): Promise<NotificationStore> {
  const notifications: Model<NotificationDoc> = conn.model<NotificationDoc>('Notification', notificationSchema);
  const settings: Model<SettingsDoc> = conn.model<SettingsDoc>('NotificationSettings', settingsSchema);
  const follows: Model<FollowDoc> = conn.model<FollowDoc>('DebateFollow', followSchema);
  await Promise.all([notifications.init(), settings.init(), follows.init()]);

  const settingsMap = async (userIds: readonly string[]) => {
    const map = new Map<string, NotificationSettings>();
    for (const userId of userIds) map.set(userId, { ...DEFAULT_NOTIFICATION_SETTINGS });
    if (userIds.length === 0) return map;
    const docs = await settings.find({ _id: { $in: [...userIds].map(String) } }).lean<SettingsDoc[]>();
    for (const d of docs) map.set(d._id, toSettings(d));
    return map;
  };

  return {
    async addNotifications(items) {
      const records = items.map((n): NotificationRecord => ({ ...n, id: randomUUID(), readAt: null, emailedAt: null }));
      if (records.length === 0) return records;
      // One transaction, as the SQLite adapter's: a batch is stored whole or not at all.
      const docs = records.map(({ id, ...rest }) => ({ _id: id, ...rest }));
      await conn.transaction(async (session) => {
        await notifications.insertMany(docs, { session });
      });
      return records;
    },
    async listNotifications(userId, { limit, after }) {
      const cursor = decodeCursor(after);
      const filter: Record<string, unknown> = { userId: String(userId) };
      if (cursor)
        filter.$or = [{ createdAt: { $lt: cursor.time } }, { createdAt: cursor.time, _id: { $lt: cursor.id } }];
      const docs = await notifications
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit + 1)
        .lean<NotificationDoc[]>();
      const items = docs.slice(0, limit).map(toNotification);
      const last = items.at(-1);
      return { items, next: docs.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    async countUnreadNotifications(userId) {
      return notifications.countDocuments({ userId: String(userId), readAt: null });
    },
    async markNotificationsRead(userId, ids, at) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const filter: Record<string, unknown> = { userId: String(userId), readAt: null };
      if (ids !== 'all') filter._id = { $in: ids.map(String) };
      const result = await notifications.updateMany(filter, { $set: { readAt: at } });
      return result.modifiedCount;
    },
    getNotificationSettings: settingsMap,
    async setNotificationSettings(userId, patch) {
      // Defaults first ($setOnInsert), then the patch: one atomic upsert, like the SQLite transaction.
      const set: Partial<NotificationSettings> = {};
      for (const key of Object.keys(DEFAULT_NOTIFICATION_SETTINGS) as Array<keyof NotificationSettings>)
        if (patch[key] !== undefined) set[key] = Boolean(patch[key]);
      const onInsert: Partial<NotificationSettings> = {};
      for (const [key, value] of Object.entries(DEFAULT_NOTIFICATION_SETTINGS) as Array<
        [keyof NotificationSettings, boolean]
      >)
        if (set[key] === undefined) onInsert[key] = value;
      const doc = await settings
        .findOneAndUpdate(
          { _id: String(userId) },
          // An empty $set is refused by the server; a key may not be in both parts.
          { ...(Object.keys(set).length > 0 ? { $set: set } : {}), $setOnInsert: onInsert },
          { upsert: true, new: true, lean: true },
        )
        .lean<SettingsDoc>();
      return doc ? toSettings(doc) : { ...DEFAULT_NOTIFICATION_SETTINGS, ...set };
    },
    async setDebateFollow(debateId, userId, yes) {
      const _id = `${debateId}:${userId}`;
      if (yes)
        await follows.updateOne(
          { _id },
          { $setOnInsert: { debateId: String(debateId), userId: String(userId) } },
          { upsert: true },
        );
      else await follows.deleteOne({ _id });
    },
    async isFollowingDebate(debateId, userId) {
      return (await follows.countDocuments({ _id: `${debateId}:${userId}` })) > 0;
    },
    async listDebateFollowers(debateId) {
      const docs = await follows.find({ debateId: String(debateId) }, { userId: 1 }).lean<FollowDoc[]>();
      return docs.map((d) => d.userId);
    },
    async listDigestRecipients(limit) {
      const wanting = await settings.find({ digest: true }, { _id: 1 }).lean<SettingsDoc[]>();
      const out: string[] = [];
      for (const d of wanting) {
        if (out.length >= limit) break;
        if (await notifications.exists({ userId: d._id, readAt: null, emailedAt: null })) out.push(d._id);
      }
      return out;
    },
    async listUndigested(userId, limit) {
      const docs = await notifications
        .find({ userId: String(userId), readAt: null, emailedAt: null })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<NotificationDoc[]>();
      return docs.map(toNotification);
    },
    async markDigested(ids, at) {
      if (ids.length === 0) return;
      await notifications.updateMany({ _id: { $in: ids.map(String) }, emailedAt: null }, { $set: { emailedAt: at } });
    },
  };
}
