/**
 * The store methods of safe names, account recovery and the admin's user list (issue 15), kept by
 * both adapters (sqlite/account-safety.ts, mongo/account-safety.ts) and held to one contract
 * (contract-account-safety.ts).
 */
import type { Page, Role } from '../../shared/types.js';
import type { UserRecord } from './store.js';

/** The `next` of a user search page: the last name key, marked so that junk is told apart. */
export const encodeNameCursor = (nameKey: string): string => Buffer.from(`k:${nameKey}`).toString('base64url');
export function decodeNameCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('k:') ? text.slice(2) : null;
}

export interface ResetTokenRecord {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface AccountSafetyStore {
  /** Records the confusable skeleton of the user's name (server/domain/names.ts); false if no such user. */
  setUserNameSkeleton(userId: string, skeleton: string): Promise<boolean>;
  /** Users whose recorded skeleton equals `skeleton`, at most `limit`. */
  findUsersByNameSkeleton(skeleton: string, limit: number): Promise<UserRecord[]>;
  /** Users with no skeleton recorded yet (created before issue 15, or by a direct store write), at most `limit`. */
  listUsersWithoutNameSkeleton(limit: number): Promise<UserRecord[]>;
  /**
   * Users whose `nameKey` starts with `prefix` ('' for all), in `nameKey` order, a page of at most
   * `limit`; `after` is the `next` of the previous page (a malformed one starts over).
   */
  searchUsers(query: { prefix: string; limit: number; after?: string }): Promise<Page<UserRecord>>;
  countUsersWithRole(role: Role): Promise<number>;
  /** Users whose e-mail equals `email` ignoring case, oldest first, at most `limit`. */
  findUsersByEmail(email: string, limit: number): Promise<UserRecord[]>;
  /** Replaces the password hash; null if no such user. */
  setUserPassword(userId: string, passwordHash: string): Promise<UserRecord | null>;
  saveResetToken(token: ResetTokenRecord): Promise<void>;
  /**
   * Deletes and returns the token in one step, so it works once only; null when unknown, already
   * used, or expired at `now` (an expired token is deleted too).
   */
  consumeResetToken(tokenHash: string, now: string): Promise<ResetTokenRecord | null>;
  /** Deletes every reset token of the user (after a reset, the other links die too). */
  deleteResetTokensOfUser(userId: string): Promise<void>;
}
