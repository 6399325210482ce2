/**
 * The embedded SQLite store (better-sqlite3 12): one file in the data folder, WAL journal,
 * migrations applied on open.
 *
 * Several processes on one host may share the file (docs/OPERATIONS.md, "Cluster"):
 * - WAL lets readers go on while one process writes; a writer waits up to BUSY_TIMEOUT_MS for
 *   another process's write lock instead of failing with SQLITE_BUSY;
 * - every write that reads before it writes (seq allocation, counters, compare-and-set) is one
 *   IMMEDIATE transaction, so it holds the write lock from its first read;
 * - nothing read from the file is kept in memory between calls (only prepared statements), so
 *   another process's writes are seen on the next call;
 * - migrations read the schema version under the write lock (migrations.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { accountMethods } from './accounts.js';
import { accountSafetyMethods } from './account-safety.js';
import { articleMethods } from './articles.js';
import { autoSlowModeMethods } from './auto-slow-mode.js';
import { collabMethods } from './collab.js';
import { commentCountMethods } from './comment-counts.js';
import { commentReadMethods } from './comment-reads.js';
import { debateMethods } from './debates.js';
import { discussionMethods } from './discussion.js';
import { groundMethods } from './ground.js';
import { migrate } from './migrations.js';
import { moderationMethods } from './moderation.js';
import { notificationMethods } from './notifications.js';
import { profileMethods } from './profiles.js';
import { statementMethods } from './statements.js';
import { voteMethods } from './votes.js';

/** How long a write waits for the write lock held by another connection (another process). */
export const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) the database at `file`; ':memory:' gives a throwaway store. */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // The busy timeout first: switching to WAL and migrating may wait for another process.
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return {
    kind: 'sqlite',
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
    ...accountMethods(db),
    ...articleMethods(db),
    ...autoSlowModeMethods(db),
    ...discussionMethods(db),
    ...commentReadMethods(db),
    ...commentCountMethods(db),
    ...voteMethods(db),
    ...moderationMethods(db),
    ...debateMethods(db),
    ...statementMethods(db),
    ...groundMethods(db),
    ...collabMethods(db),
    ...notificationMethods(db),
    ...profileMethods(db),
    ...accountSafetyMethods(db),
  };
}
