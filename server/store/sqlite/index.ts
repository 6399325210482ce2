/**
 * The embedded SQLite store (better-sqlite3 12): one file in the data folder, WAL journal,
 * migrations applied on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { accountMethods } from './accounts.js';
import { articleMethods } from './articles.js';
import { collabMethods } from './collab.js';
import { commentReadMethods } from './comment-reads.js';
import { debateMethods } from './debates.js';
import { discussionMethods } from './discussion.js';
import { migrate } from './migrations.js';
import { moderationMethods } from './moderation.js';
import { voteMethods } from './votes.js';

/** Opens (creating if needed) the database at `file`; ':memory:' gives a throwaway store. */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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
    ...discussionMethods(db),
    ...commentReadMethods(db),
    ...voteMethods(db),
    ...moderationMethods(db),
    ...debateMethods(db),
    ...collabMethods(db),
  };
}
