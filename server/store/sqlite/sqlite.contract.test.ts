import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { openSqliteStore } from './index.js';

const files = new WeakMap<Store, string>();

const harness: StoreHarness = {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    const file = join(dir, 'parley.db');
    const store = await openSqliteStore(file);
    files.set(store, file);
    return store;
  },
  async reopen(store) {
    const file = files.get(store)!;
    await store.close();
    const again = await openSqliteStore(file);
    files.set(again, file);
    return again;
  },
  async destroy(store) {
    await store.close();
    const file = files.get(store);
    if (file) rmSync(join(file, '..'), { recursive: true, force: true });
  },
};

describeStoreContract('sqlite', harness);
describeModerationContract('sqlite', harness);
describeDebateContract('sqlite', harness);
describeStatementContract('sqlite', harness);
describeGroundContract('sqlite', harness);
describeCommentCountContract('sqlite', harness);
describeProfileContract('sqlite', harness);
describeNotificationContract('sqlite', harness);
describeAccountSafetyContract('sqlite', harness);
// A second connection to the same file, as a second process sharing DATA_DIR has.
describeCollabContract('sqlite', harness, (store) => openSqliteStore(files.get(store)!));
