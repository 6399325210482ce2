/**
 * The `ssoTokenIds` and `refreshTokens` collections. Both expire through TTL indexes on a Date
 * field; MongoDB's TTL monitor runs about once a minute, so reads check expiry themselves.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { RefreshTokenRecord, Store } from '../store.js';
import { conflictOf } from './errors.js';

export interface SsoTokenIdDoc {
  _id: string;
  jti: string;
  expiresAt: Date;
}

export interface RefreshTokenDoc {
  _id: string;
  tokenHash: string;
  userId: string;
  /** Date form, for the TTL index. */
  expiresAt: Date;
  /** The expiry exactly as it was given, so the record reads back unchanged. */
  expiresAtText: string;
}

const ssoTokenIdSchema = new Schema<SsoTokenIdDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    jti: { type: String, default: '' },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'ssoTokenIds', versionKey: false, strictQuery: true },
);
ssoTokenIdSchema.index({ jti: 1 }, { unique: true, name: 'ssoTokenIds_jti' });
ssoTokenIdSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'ssoTokenIds_ttl' });

const refreshTokenSchema = new Schema<RefreshTokenDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    tokenHash: { type: String, default: '' },
    userId: { type: String, default: '' },
    expiresAt: { type: Date, required: true },
    expiresAtText: { type: String, default: '' },
  },
  { collection: 'refreshTokens', versionKey: false, strictQuery: true },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true, name: 'refreshTokens_tokenHash' });
refreshTokenSchema.index({ userId: 1 }, { name: 'refreshTokens_userId' });
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'refreshTokens_ttl' });

export type SsoTokenIdModel = Model<SsoTokenIdDoc>;
export type RefreshTokenModel = Model<RefreshTokenDoc>;

export const ssoTokenIdModel = (conn: Connection): SsoTokenIdModel =>
  conn.model<SsoTokenIdDoc>('SsoTokenId', ssoTokenIdSchema);
export const refreshTokenModel = (conn: Connection): RefreshTokenModel =>
  conn.model<RefreshTokenDoc>('RefreshToken', refreshTokenSchema);

/** Parses an ISO time; an unreadable one is a caller bug, not a stored Invalid Date. */
function toDate(iso: string): Date {
  const date = new Date(String(iso));
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid time: ${String(iso)}`);
  return date;
}

type TokenOps = Pick<
  Store,
  'claimSsoTokenId' | 'saveRefreshToken' | 'consumeRefreshToken' | 'deleteRefreshTokensOfUser'
>;

export function tokenOps(ssoTokenIds: SsoTokenIdModel, refreshTokens: RefreshTokenModel): TokenOps {
  return {
    async claimSsoTokenId(jti, expiresAt) {
      try {
        // The unique index on jti makes the claim atomic: of two racing inserts, one fails.
        await ssoTokenIds.create({ _id: randomUUID(), jti: String(jti), expiresAt: toDate(expiresAt) });
        return true;
      } catch (err) {
        if (conflictOf(err, { jti: 'sso' })) return false;
        throw err;
      }
    },

    async saveRefreshToken(token) {
      await refreshTokens.create({
        _id: randomUUID(),
        tokenHash: String(token.tokenHash),
        userId: String(token.userId),
        expiresAt: toDate(token.expiresAt),
        expiresAtText: String(token.expiresAt),
      });
    },

    async consumeRefreshToken(tokenHash): Promise<RefreshTokenRecord | null> {
      // Delete-and-return in one server step: of two racing refreshes, only one gets the token.
      const d = await refreshTokens.findOneAndDelete({ tokenHash: String(tokenHash) }).lean<RefreshTokenDoc>();
      if (!d) return null;
      const expiresAt = new Date(d.expiresAt);
      if (expiresAt.getTime() <= Date.now()) return null;
      return { tokenHash: d.tokenHash, userId: d.userId, expiresAt: d.expiresAtText ?? expiresAt.toISOString() };
    },

    async deleteRefreshTokensOfUser(userId) {
      await refreshTokens.deleteMany({ userId: String(userId) });
    },
  };
}
