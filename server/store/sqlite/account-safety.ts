/** Name skeletons, password reset tokens and the admin's user search in SQLite (account-safety-store.ts). */
import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/types.js';
import {
  decodeNameCursor,
  encodeNameCursor,
  type AccountSafetyStore,
  type ResetTokenRecord,
} from '../account-safety-store.js';
import { prefixRangeEnd, type UserRecord } from '../store.js';
import { toUser, type UserRow } from './rows.js';

/**
 * Migration 10 (issue 15): the confusable skeleton of each name (filled in at start and on every
 * registration by server/domain/names.ts, since it needs the UTS #39 table), e-mail lookup for
 * account recovery, and reset tokens kept as their SHA-256 only. `IF NOT EXISTS`: a test may rewind
 * the schema version to re-run migration 8, whose users rebuild drops the column and its indexes.
 */
export const ACCOUNT_SAFETY_MIGRATION = `
  ALTER TABLE users ADD COLUMN name_skeleton TEXT;
  CREATE INDEX IF NOT EXISTS users_name_skeleton ON users (name_skeleton);
  CREATE INDEX IF NOT EXISTS users_email ON users (email COLLATE NOCASE) WHERE email IS NOT NULL;
  CREATE TABLE IF NOT EXISTS password_reset_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS password_reset_tokens_user ON password_reset_tokens (user_id);
`;

interface ResetRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

const toReset = (r: ResetRow): ResetTokenRecord => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export function accountSafetyMethods(db: Database): AccountSafetyStore {
  const setSkeleton = db.prepare<[string, string]>('UPDATE users SET name_skeleton = ? WHERE id = ?');
  const bySkeleton = db.prepare<[string, number], UserRow>(
    'SELECT * FROM users WHERE name_skeleton = ? ORDER BY created_at, id LIMIT ?',
  );
  const withoutSkeleton = db.prepare<[number], UserRow>(
    'SELECT * FROM users WHERE name_skeleton IS NULL ORDER BY created_at, id LIMIT ?',
  );
  const searchFirst = db.prepare<[string, string, number], UserRow>(
    'SELECT * FROM users WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?',
  );
  const searchAfter = db.prepare<[string, string, string, number], UserRow>(
    'SELECT * FROM users WHERE name_key >= ? AND name_key < ? AND name_key > ? ORDER BY name_key LIMIT ?',
  );
  const countRole = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM users WHERE role = ?');
  const byEmail = db.prepare<[string, number], UserRow>(
    'SELECT * FROM users WHERE email = ? COLLATE NOCASE ORDER BY created_at, id LIMIT ?',
  );
  const setPassword = db.prepare<[string, string], UserRow>(
    'UPDATE users SET password_hash = ? WHERE id = ? RETURNING *',
  );
  const insertReset = db.prepare<[string, string, string, string]>(
    'INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const takeReset = db.prepare<[string], ResetRow>(
    'DELETE FROM password_reset_tokens WHERE token_hash = ? RETURNING *',
  );
  const dropResetsOfUser = db.prepare<[string]>('DELETE FROM password_reset_tokens WHERE user_id = ?');
  const pruneResets = db.prepare<[string]>('DELETE FROM password_reset_tokens WHERE expires_at <= ?');
  const limitOf = (limit: number) => Math.max(0, Math.trunc(limit));

  return {
    async setUserNameSkeleton(userId, skeleton) {
      return setSkeleton.run(skeleton, userId).changes === 1;
    },
    async findUsersByNameSkeleton(skeleton, limit) {
      return limitOf(limit) > 0 ? bySkeleton.all(skeleton, limitOf(limit)).map(toUser) : [];
    },
    async listUsersWithoutNameSkeleton(limit) {
      return limitOf(limit) > 0 ? withoutSkeleton.all(limitOf(limit)).map(toUser) : [];
    },
    async searchUsers({ prefix, limit, after }) {
      const size = limitOf(limit);
      if (size === 0) return { items: [], next: null };
      const from = decodeNameCursor(after);
      const end = prefixRangeEnd(prefix);
      const rows =
        from === null ? searchFirst.all(prefix, end, size + 1) : searchAfter.all(prefix, end, from, size + 1);
      const items: UserRecord[] = rows.slice(0, size).map(toUser);
      const last = items.at(-1);
      return { items, next: rows.length > size && last ? encodeNameCursor(last.nameKey) : null };
    },
    async countUsersWithRole(role: Role) {
      return countRole.get(role)!.n;
    },
    async findUsersByEmail(email, limit) {
      return limitOf(limit) > 0 ? byEmail.all(email, limitOf(limit)).map(toUser) : [];
    },
    async setUserPassword(userId, passwordHash) {
      const row = setPassword.get(passwordHash, userId);
      return row ? toUser(row) : null;
    },
    async saveResetToken(token) {
      pruneResets.run(token.createdAt);
      insertReset.run(token.tokenHash, token.userId, token.createdAt, token.expiresAt);
    },
    async consumeResetToken(tokenHash, now) {
      const row = takeReset.get(tokenHash);
      if (!row || row.expires_at <= now) return null;
      return toReset(row);
    },
    async deleteResetTokensOfUser(userId) {
      dropResetsOfUser.run(userId);
    },
  };
}
