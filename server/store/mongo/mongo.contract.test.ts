/**
 * The store contract against a real MongoDB (a replica set, for transactions). Runs when MONGO_URL
 * is set, for example `MONGO_URL=mongodb://127.0.0.1:27017/?replicaSet=rs0 npm run test:mongo`.
 * Each test uses its own database, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describe } from 'vitest';
import { describeAccountSafetyContract } from '../contract-account-safety.js';
import { describeCollabContract } from '../contract-collab.js';
import { describeCommentCountContract } from '../contract-comment-counts.js';
import { describeDebateContract } from '../contract-debate.js';
import { describeGroundContract } from '../contract-ground.js';
import { describeModerationContract } from '../contract-moderation.js';
import { describeProfileContract } from '../contract-profiles.js';
import { describeNotificationContract } from '../contract-notifications.js';
import { describeStatementContract } from '../contract-statements.js';
import { describeStoreContract, type StoreHarness } from '../contract.js';
import type { Store } from '../store.js';
import { openMongoStore } from './index.js';

const MONGO_URL = process.env.MONGO_URL;

/** The same server URL with another database name in its path. */
function urlForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

if (!MONGO_URL) {
  console.warn(
    '\n*** MONGO_URL is not set: the store contract is SKIPPED for MongoDB; this run checked SQLite only. ***\n',
  );
}

const urls = new WeakMap<Store, string>();

const harness: StoreHarness = {
  async open() {
    const url = urlForDatabase(MONGO_URL!, `parley_contract_${randomUUID().slice(0, 8)}`);
    const store = await openMongoStore(url);
    urls.set(store, url);
    return store;
  },
  async reopen(store) {
    const url = urls.get(store)!;
    await store.close();
    const again = await openMongoStore(url);
    urls.set(again, url);
    return again;
  },
  async destroy(store) {
    await store.close();
    const url = urls.get(store);
    if (!url) return;
    const conn = await mongoose.createConnection(url).asPromise();
    await conn.dropDatabase();
    await conn.close();
  },
};

describe.skipIf(!MONGO_URL)('MongoDB adapter (runs when MONGO_URL is set)', () => {
  describeStoreContract('mongo', harness);
  describeModerationContract('mongo', harness);
  describeDebateContract('mongo', harness);
  describeStatementContract('mongo', harness);
  describeGroundContract('mongo', harness);
  describeCommentCountContract('mongo', harness);
  describeProfileContract('mongo', harness);
  describeNotificationContract('mongo', harness);
  describeAccountSafetyContract('mongo', harness);
  // A second connection to the same database, as a second process has.
  describeCollabContract('mongo', harness, (store) => openMongoStore(urls.get(store)!));
});
