/**
 * The store methods of notifications (issue 15), kept by both adapters (sqlite/notifications.ts,
 * mongo/notifications.ts) and held to one contract (contract-notifications.ts).
 */
import type { Notification, NotificationSettings } from '../../shared/notifications.js';
import type { Page } from '../../shared/types.js';

export interface NotificationRecord extends Notification {
  userId: string;
  /** When a digest e-mail carried it (null: not yet). */
  emailedAt: string | null;
}

export type NewNotification = Omit<NotificationRecord, 'id' | 'readAt' | 'emailedAt'>;

export interface NotificationStore {
  /** Stores the notifications in one atomic unit and returns them with their ids, in the order given. */
  addNotifications(items: readonly NewNotification[]): Promise<NotificationRecord[]>;
  /** The user's notifications, newest first (createdAt, then id); a malformed cursor starts over. */
  listNotifications(userId: string, query: { limit: number; after?: string }): Promise<Page<NotificationRecord>>;
  countUnreadNotifications(userId: string): Promise<number>;
  /**
   * Marks the user's notifications read: the ids given (others' ids and unknown ids are ignored) or
   * every one ('all'). Returns how many went from unread to read; read ones keep their first readAt.
   */
  markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
  /** Each user's settings; a user who never chose has DEFAULT_NOTIFICATION_SETTINGS. */
  getNotificationSettings(userIds: readonly string[]): Promise<Map<string, NotificationSettings>>;
  /** Changes the settings named in the patch and returns them all. */
  setNotificationSettings(userId: string, patch: Partial<NotificationSettings>): Promise<NotificationSettings>;
  /** Follows (true) or unfollows a debate; doing it twice is the same as once. */
  setDebateFollow(debateId: string, userId: string, following: boolean): Promise<void>;
  isFollowingDebate(debateId: string, userId: string): Promise<boolean>;
  /** Everyone following the debate, in no particular order. */
  listDebateFollowers(debateId: string): Promise<string[]>;
  /** Users with the digest on and some unread notification no digest carried yet, at most `limit`. */
  listDigestRecipients(limit: number): Promise<string[]>;
  /** The user's unread notifications no digest carried yet, newest first, at most `limit`. */
  listUndigested(userId: string, limit: number): Promise<NotificationRecord[]>;
  /** Records that a digest carried these notifications. */
  markDigested(ids: readonly string[], at: string): Promise<void>;
}
