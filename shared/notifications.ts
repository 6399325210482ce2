/**
 * Notifications (issue 15): what a user is told about, the settings that choose it, and the
 * request shapes both sides validate with. Server: server/domain/notifications/; client:
 * client/src/ui/notifications/.
 */
import { z } from 'zod';

export const NOTIFICATION_KINDS = ['reply', 'mention', 'moderation', 'debate'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a moderator did to the user's comment (moderation notifications only). */
export const NOTIFIED_MOD_ACTIONS = ['removed', 'restored', 'held', 'approved'] as const;
export type NotifiedModAction = (typeof NOTIFIED_MOD_ACTIONS)[number];

/** One notification as its recipient sees it. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  /** null while unread. */
  readAt: string | null;
  /** Who replied, mentioned or moderated (moderation: null when Parley itself acted); debates: null. */
  actorName: string | null;
  articleId: string | null;
  articleSlug: string | null;
  articleTitle: string | null;
  /** The reply, the mentioning comment, or the user's moderated comment. */
  commentId: string | null;
  debateId: string | null;
  /** Moderation only: what was done. */
  action: NotifiedModAction | null;
  /** Moderation only: the moderator's reason, when one was given. */
  reason: string | null;
  /** A short extract: the reply or mention, the moderated comment, or the debate's motion. */
  excerpt: string;
}

/** Which kinds notify a user, and whether unread ones are e-mailed as a digest. */
export interface NotificationSettings {
  replies: boolean;
  mentions: boolean;
  moderation: boolean;
  debates: boolean;
  digest: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  replies: true,
  mentions: true,
  moderation: true,
  debates: true,
  digest: false,
};

/** The setting that turns a kind on or off. */
export const SETTING_OF_KIND: Record<NotificationKind, keyof NotificationSettings> = {
  reply: 'replies',
  mention: 'mentions',
  moderation: 'moderation',
  debate: 'debates',
};

/** How many ids one "mark read" may name; more is refused (VALIDATION_FAILED). */
export const MARK_READ_MAX = 100;
/** How many notifications one page holds at most. */
export const NOTIFICATION_PAGE_MAX = 50;
/** Characters of a comment kept as a notification's extract. */
export const EXCERPT_MAX = 140;

const id = z.string().min(1).max(100);

export const notificationPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).optional(),
  after: z.string().max(200).optional(),
});

/** Marks the named notifications read, or every one (`all: true`): exactly one of the two. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(id).min(1).max(MARK_READ_MAX) }),
  z.strictObject({ all: z.literal(true) }),
]);

export const notificationSettingsPatch = z
  .strictObject({
    replies: z.boolean().optional(),
    mentions: z.boolean().optional(),
    moderation: z.boolean().optional(),
    debates: z.boolean().optional(),
    digest: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'name at least one setting');

export const followBody = z.strictObject({ following: z.boolean() });

/** `notification:new`: one new notification and the recipient's unread count after it. */
export interface NotificationNew {
  notification: Notification;
  unread: number;
}

/** `notifications:read`: these ids (null: every one) are read now, and the unread count after. */
export interface NotificationsRead {
  ids: string[] | null;
  unread: number;
}

/** A list page with the unread count (GET /api/notifications). */
export interface NotificationPage {
  items: Notification[];
  next: string | null;
  unread: number;
}

/**
 * The names an @mention may stand for, longest first: `@Ada Lovelace, hi` gives "Ada Lovelace",
 * then "Ada" (the server takes the first that names a user). Display names may hold spaces
 * (shared/schemas.ts userName), so up to three words are tried; a word ending in a dot, dash or
 * underscore (sentence punctuation) ends the name, without that punctuation.
 */
export function mentionCandidates(body: string, maxMentions = 5): string[][] {
  const out: string[][] = [];
  const re =
    /(^|[^\p{L}\p{M}\p{N}_@])@([\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._-]*(?: [\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._-]*){0,2})/gu;
  for (const match of body.matchAll(re)) {
    const words = (match[2] ?? '').split(' ');
    // A word that ends in punctuation ends the sentence's name: "@bob_n. And" is bob_n.
    const ends = words.findIndex((w) => /[._-]$/u.test(w));
    if (ends >= 0) words.splice(ends + 1);
    const names: string[] = [];
    for (let n = words.length; n >= 1; n--) {
      const name = words
        .slice(0, n)
        .join(' ')
        .replace(/[._-]+$/u, '');
      if (name.length >= 2 && !names.includes(name)) names.push(name);
    }
    if (names.length > 0) out.push(names);
    if (out.length >= maxMentions) break;
  }
  return out;
}
