/**
 * Profile reads in MongoDB (profile-store.ts), as the SQLite adapter answers them
 * (server/store/sqlite/profiles.ts): the debates whose roster names a user.
 */
import type { Connection } from 'mongoose';
import type { ProfileStore } from '../profile-store.js';
import type { DebateDoc } from './collab-models.js';

/** Takes the `debates` model registered by collabOps (collab-models.ts), looked up when first used. */
export function profileOps(conn: Connection): ProfileStore {
  return {
    async listDebateIdsOfUser(userId, limit) {
      if (limit < 1) return [];
      const id = String(userId);
      const docs = await conn
        .model<DebateDoc>('Debate')
        .find({ $or: [{ hostId: id }, { 'positions.debaterIds': id }] }, { _id: 1 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(Math.floor(limit))
        .lean<Array<{ _id: string }>>();
      return docs.map((d) => String(d._id));
    },
  };
}
