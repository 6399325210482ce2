/** The `users` collection: schema, record mapping and the user half of the Store. */
import { randomUUID } from 'node:crypto';
import type { MongoDoc } from './doc.js';
import { Schema, type Connection, type Model } from 'mongoose';
import { ROLES } from '../../../shared/types.js';
import { prefixRangeEnd, type Page, type Store, type UserRecord } from '../store.js';
import { newerThan, nowIso, pageSize, timePage } from './cursor.js';
import { mapConflict } from './errors.js';

export type UserDoc = MongoDoc<UserRecord>;

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    name: { type: String, default: '' },
    nameKey: { type: String, default: '' },
    passwordHash: { type: String, default: null },
    role: { type: String, enum: ROLES, required: true },
    email: { type: String, default: null },
    ssoProvider: { type: String, default: null },
    ssoSubject: { type: String, default: null },
    createdAt: { type: String, default: '' },
  },
  { collection: 'users', versionKey: false, strictQuery: true },
);
userSchema.index({ nameKey: 1 }, { unique: true, name: 'users_nameKey' });
// Only single sign-on users carry a provider and subject; password users (nulls) stay out of the index.
userSchema.index(
  { ssoProvider: 1, ssoSubject: 1 },
  {
    unique: true,
    name: 'users_sso',
    partialFilterExpression: { ssoProvider: { $type: 'string' }, ssoSubject: { $type: 'string' } },
  },
);
userSchema.index({ createdAt: 1, _id: 1 }, { name: 'users_created' });

export type UserModel = Model<UserDoc>;

export const userModel = (conn: Connection): UserModel => conn.model<UserDoc>('User', userSchema);

export const toUser = (d: UserDoc): UserRecord => ({
  id: d._id,
  name: d.name,
  nameKey: d.nameKey,
  passwordHash: d.passwordHash ?? null,
  role: d.role,
  email: d.email ?? null,
  ssoProvider: d.ssoProvider ?? null,
  ssoSubject: d.ssoSubject ?? null,
  createdAt: d.createdAt,
});

const orNull = (s: string | null | undefined): string | null => (s == null ? null : String(s));

type UserOps = Pick<
  Store,
  | 'createUser'
  | 'getUser'
  | 'getUserByNameKey'
  | 'getUserBySso'
  | 'setUserRole'
  | 'listUsers'
  | 'findUsersByNamePrefix'
  | 'countUsers'
>;

export function userOps(users: UserModel): UserOps {
  return {
    async createUser(user) {
      const doc: UserDoc = {
        _id: randomUUID(),
        name: String(user.name),
        nameKey: String(user.nameKey),
        passwordHash: orNull(user.passwordHash),
        role: user.role,
        email: orNull(user.email),
        ssoProvider: orNull(user.ssoProvider),
        ssoSubject: orNull(user.ssoSubject),
        createdAt: nowIso(),
      };
      await mapConflict(() => users.create(doc), {
        nameKey: 'nameKey',
        ssoProvider: 'sso',
        ssoSubject: 'sso',
        users_sso: 'sso',
      });
      return toUser(doc);
    },

    async getUser(id) {
      const d = await users.findOne({ _id: String(id) }).lean<UserDoc>();
      return d ? toUser(d) : null;
    },

    async getUserByNameKey(nameKey) {
      const d = await users.findOne({ nameKey: String(nameKey) }).lean<UserDoc>();
      return d ? toUser(d) : null;
    },

    async getUserBySso(provider, subject) {
      const d = await users.findOne({ ssoProvider: String(provider), ssoSubject: String(subject) }).lean<UserDoc>();
      return d ? toUser(d) : null;
    },

    async setUserRole(id, role) {
      const d = await users
        .findOneAndUpdate(
          { _id: String(id) },
          { $set: { role: String(role) } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<UserDoc>();
      return d ? toUser(d) : null;
    },

    async listUsers({ limit, after }): Promise<Page<UserRecord>> {
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      // Oldest first; the cursor is the last (createdAt, id) seen, and the next page starts strictly after it.
      const docs = await users
        .find(newerThan('createdAt', after))
        .sort({ createdAt: 1, _id: 1 })
        .limit(size + 1)
        .lean<UserDoc[]>();
      return timePage(docs, size, (d) => d.createdAt, toUser);
    },

    async findUsersByNamePrefix(prefix, limit) {
      const size = pageSize(limit);
      if (size === 0) return [];
      // A range on the unique nameKey index, never a $regex: nothing the caller types is a pattern.
      const key = String(prefix);
      const docs = await users
        .find({ nameKey: { $gte: key, $lt: prefixRangeEnd(key) } })
        .sort({ nameKey: 1 })
        .limit(size)
        .lean<UserDoc[]>();
      return docs.map(toUser);
    },

    async countUsers() {
      return users.countDocuments({});
    },
  };
}
