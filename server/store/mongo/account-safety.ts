/**
 * Name skeletons, password reset tokens and the admin's user search in MongoDB
 * (account-safety-store.ts), as the SQLite adapter keeps them (sqlite/account-safety.ts).
 *
 * The skeleton is a `nameSkeleton` field on `users` that the users schema does not declare, so it
 * is read and written through the driver's collection: mongoose's strictQuery would drop a filter
 * on an undeclared field (and match every user). Reset tokens live in `passwordResetTokens`.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '../../../shared/types.js';
import {
  decodeNameCursor,
  encodeNameCursor,
  type AccountSafetyStore,
  type ResetTokenRecord,
} from '../account-safety-store.js';
import { prefixRangeEnd, type UserRecord } from '../store.js';
import { pageSize } from './cursor.js';
import { toUser, type UserDoc, type UserModel } from './users.js';

interface ResetTokenDoc {
  _id: string;
  userId: string;
  createdAt: string;
  expiresAtText: string;
  /** Date form, for the TTL index. */
  expiresAt: Date;
}

const resetTokenSchema = new Schema<ResetTokenDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: String, required: true },
    expiresAtText: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'passwordResetTokens', versionKey: false, strictQuery: true },
);
resetTokenSchema.index({ userId: 1 }, { name: 'passwordResetTokens_userId' });
resetTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'passwordResetTokens_ttl' });

/** Case-insensitive equality of e-mail addresses (strength 2: case folded, accents kept). */
const EMAIL_COLLATION = { locale: 'en', strength: 2 } as const;

/** Registers the reset token model and the two indexes on `users`; call once after userModel(conn). */
export async function accountSafetyOps(conn: Connection, users: UserModel): Promise<AccountSafetyStore> {
  const resets: Model<ResetTokenDoc> = conn.model<ResetTokenDoc>('PasswordResetToken', resetTokenSchema);
  await resets.init();
  const raw = users.collection;
  await raw.createIndex({ nameSkeleton: 1 }, { name: 'users_nameSkeleton' });
  await raw.createIndex(
    { email: 1 },
    { name: 'users_email', collation: EMAIL_COLLATION, partialFilterExpression: { email: { $type: 'string' } } },
  );
  const findUsers = async (filter: Record<string, unknown>, limit: number): Promise<UserRecord[]> => {
    const size = pageSize(limit);
    if (size === 0) return [];
    const docs = await raw.find(filter).sort({ createdAt: 1, _id: 1 }).limit(size).toArray();
    return (docs as unknown as UserDoc[]).map(toUser);
  };

  return {
    async setUserNameSkeleton(userId, skeleton) {
      const result = await raw.updateOne({ _id: String(userId) } as never, {
        $set: { nameSkeleton: String(skeleton) },
      });
      return result.matchedCount === 1;
    },
    async findUsersByNameSkeleton(skeleton, limit) {
      return findUsers({ nameSkeleton: String(skeleton) }, limit);
    },
    async listUsersWithoutNameSkeleton(limit) {
      // null matches a missing field too: users stored before issue 15.
      return findUsers({ nameSkeleton: null }, limit);
    },
    async searchUsers({ prefix, limit, after }) {
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      const key = String(prefix);
      const from = decodeNameCursor(after == null ? undefined : String(after));
      const range: Record<string, string> = { $gte: key, $lt: prefixRangeEnd(key) };
      if (from !== null) range.$gt = from;
      const docs = await users
        .find({ nameKey: range })
        .sort({ nameKey: 1 })
        .limit(size + 1)
        .lean<UserDoc[]>();
      const items = docs.slice(0, size).map(toUser);
      const last = items.at(-1);
      return { items, next: docs.length > size && last ? encodeNameCursor(last.nameKey) : null };
    },
    async countUsersWithRole(role: Role) {
      return users.countDocuments({ role: String(role) as Role });
    },
    async findUsersByEmail(email, limit) {
      const size = pageSize(limit);
      if (size === 0) return [];
      const docs = await raw
        .find({ email: String(email) }, { collation: EMAIL_COLLATION })
        .sort({ createdAt: 1, _id: 1 })
        .limit(size)
        .toArray();
      return (docs as unknown as UserDoc[]).map(toUser);
    },
    async setUserPassword(userId, passwordHash) {
      const d = await users
        .findOneAndUpdate(
          { _id: String(userId) },
          { $set: { passwordHash: String(passwordHash) } },
          { returnDocument: 'after' },
        )
        .lean<UserDoc>();
      return d ? toUser(d) : null;
    },
    async saveResetToken(token) {
      await resets.create({
        _id: String(token.tokenHash),
        userId: String(token.userId),
        createdAt: String(token.createdAt),
        expiresAtText: String(token.expiresAt),
        expiresAt: new Date(String(token.expiresAt)),
      });
    },
    async consumeResetToken(tokenHash, now): Promise<ResetTokenRecord | null> {
      // Delete-and-return in one server step: of two racing uses, only one gets the token.
      const d = await resets.findOneAndDelete({ _id: String(tokenHash) }).lean<ResetTokenDoc>();
      if (!d || d.expiresAtText <= String(now)) return null;
      return { tokenHash: d._id, userId: d.userId, createdAt: d.createdAt, expiresAt: d.expiresAtText };
    },
    async deleteResetTokensOfUser(userId) {
      await resets.deleteMany({ userId: String(userId) });
    },
  };
}
