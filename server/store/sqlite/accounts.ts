/** Users, SSO token ids and refresh tokens in SQLite. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/types.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import {
  prefixRangeEnd,
  StoreConflictError,
  type NewUser,
  type Page,
  type RefreshTokenRecord,
  type Store,
  type UserRecord,
} from '../store.js';
import { isUniqueViolation, toUser, type UserRow } from './rows.js';

type AccountMethods = Pick<
  Store,
  | 'createUser'
  | 'getUser'
  | 'getUserByNameKey'
  | 'getUserBySso'
  | 'setUserRole'
  | 'listUsers'
  | 'findUsersByNamePrefix'
  | 'countUsers'
  | 'claimSsoTokenId'
  | 'saveRefreshToken'
  | 'consumeRefreshToken'
  | 'deleteRefreshTokensOfUser'
>;

export function accountMethods(db: Database): AccountMethods {
  const insertUser = db.prepare(
    `INSERT INTO users (id, name, name_key, password_hash, role, email, sso_provider, sso_subject, created_at)
     VALUES (@id, @name, @nameKey, @passwordHash, @role, @email, @ssoProvider, @ssoSubject, @createdAt)`,
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byNameKey = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name_key = ?');
  const bySso = db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE sso_provider = ? AND sso_subject = ?');
  const setRole = db.prepare<[Role, string], UserRow>('UPDATE users SET role = ? WHERE id = ? RETURNING *');
  const firstUsers = db.prepare<[number], UserRow>('SELECT * FROM users ORDER BY created_at, id LIMIT ?');
  const usersAfter = db.prepare<[string, string, string, number], UserRow>(
    'SELECT * FROM users WHERE created_at > ? OR (created_at = ? AND id > ?) ORDER BY created_at, id LIMIT ?',
  );
  // A range on the unique name_key index (BINARY collation: UTF-8 byte order), not LIKE, whose % and _ would be wildcards.
  const usersByKeyRange = db.prepare<[string, string, number], UserRow>(
    'SELECT * FROM users WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?',
  );
  const countUsers = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const pruneSso = db.prepare<[string]>('DELETE FROM sso_token_ids WHERE expires_at < ?');
  const insertSso = db.prepare<[string, string]>('INSERT OR IGNORE INTO sso_token_ids (jti, expires_at) VALUES (?, ?)');
  const insertRefresh = db.prepare<[string, string, string]>(
    'INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)',
  );
  const takeRefresh = db.prepare<[string], { token_hash: string; user_id: string; expires_at: string }>(
    'DELETE FROM refresh_tokens WHERE token_hash = ? RETURNING *',
  );
  const dropRefreshOfUser = db.prepare<[string]>('DELETE FROM refresh_tokens WHERE user_id = ?');

  return {
    async createUser(user: NewUser): Promise<UserRecord> {
      const record: UserRecord = { ...user, id: randomUUID(), createdAt: new Date().toISOString() };
      try {
        insertUser.run(record);
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new StoreConflictError(String((err as Error).message).includes('name_key') ? 'nameKey' : 'sso');
        }
        throw err;
      }
      return record;
    },
    async getUser(id) {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    async getUserByNameKey(nameKey) {
      const row = byNameKey.get(nameKey);
      return row ? toUser(row) : null;
    },
    async getUserBySso(provider, subject) {
      const row = bySso.get(provider, subject);
      return row ? toUser(row) : null;
    },
    async setUserRole(id, role) {
      const row = setRole.get(role, id);
      return row ? toUser(row) : null;
    },
    async listUsers({ limit, after }): Promise<Page<UserRecord>> {
      const cursor = decodeCursor(after);
      const rows = cursor ? usersAfter.all(cursor.time, cursor.time, cursor.id, limit + 1) : firstUsers.all(limit + 1);
      const items = rows.slice(0, limit).map(toUser);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    async findUsersByNamePrefix(prefix, limit) {
      const size = Math.trunc(limit);
      // SQLite reads a negative LIMIT as "no limit".
      if (!(size > 0)) return [];
      return usersByKeyRange.all(prefix, prefixRangeEnd(prefix), size).map(toUser);
    },
    async countUsers() {
      return countUsers.get()!.n;
    },
    async claimSsoTokenId(jti, expiresAt) {
      pruneSso.run(new Date().toISOString());
      return insertSso.run(jti, expiresAt).changes === 1;
    },
    async saveRefreshToken(token: RefreshTokenRecord) {
      insertRefresh.run(token.tokenHash, token.userId, token.expiresAt);
    },
    async consumeRefreshToken(tokenHash) {
      const row = takeRefresh.get(tokenHash);
      if (!row || row.expires_at <= new Date().toISOString()) return null;
      return { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at };
    },
    async deleteRefreshTokensOfUser(userId) {
      dropRefreshOfUser.run(userId);
    },
  };
}
