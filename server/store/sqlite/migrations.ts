/**
 * Schema migrations for the SQLite adapter, applied in order on open. The applied version lives in
 * `PRAGMA user_version`, so each migration runs once. Append new migrations; never edit old ones.
 */
import type { Database } from 'better-sqlite3';
import { ACCOUNT_SAFETY_MIGRATION } from './account-safety.js';
import { AUTO_SLOW_MODE_MIGRATION } from './auto-slow-mode.js';
import { VISIBLE_COMMENTS_MIGRATION } from './comment-counts.js';
import { DEBATE_SESSION_MIGRATION } from './debates.js';
import { GROUND_MIGRATION } from './ground.js';
import { HOST_ROLE_MIGRATION } from './host-role.js';
import { NOTIFICATIONS_MIGRATION } from './notifications.js';
import { PROFILES_MIGRATION } from './profiles.js';
import { STATEMENTS_MIGRATION } from './statements.js';

/** SQL, or a step that must look at the schema first (a column added only where it is missing). */
const MIGRATIONS: Array<string | ((db: Database) => void)> = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('reader', 'moderator', 'admin')),
    email TEXT,
    sso_provider TEXT,
    sso_subject TEXT,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX users_sso ON users (sso_provider, sso_subject) WHERE sso_provider IS NOT NULL;
  CREATE INDEX users_created ON users (created_at, id);

  CREATE TABLE sso_token_ids (jti TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    motion TEXT,
    positions TEXT NOT NULL DEFAULT '[]',
    published_at TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX articles_created ON articles (created_at DESC, id DESC);

  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    parent_id TEXT REFERENCES comments (id),
    root_id TEXT NOT NULL,
    depth INTEGER NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    upvotes INTEGER NOT NULL DEFAULT 0,
    downvotes INTEGER NOT NULL DEFAULT 0,
    reply_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX comments_thread ON comments (article_id, parent_id, seq);

  CREATE TABLE changes (
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    comment_id TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE votes (
    comment_id TEXT NOT NULL REFERENCES comments (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    PRIMARY KEY (comment_id, user_id)
  ) WITHOUT ROWID;
  `,
  // 2: ranking keys kept with each comment (shared/ranking.ts) and article discussion settings.
  `
  ALTER TABLE comments ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN best REAL NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN controversy REAL NOT NULL DEFAULT 0;
  CREATE INDEX comments_top ON comments (article_id, parent_id, score DESC, seq DESC);
  CREATE INDEX comments_best ON comments (article_id, parent_id, best DESC, seq DESC);
  CREATE INDEX comments_controversial ON comments (article_id, parent_id, controversy DESC, seq DESC);
  CREATE INDEX comments_root ON comments (root_id, seq);
  ALTER TABLE articles ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: moderation: comment moderation state, article settings, reports, audit log, sanctions.
  `
  ALTER TABLE comments ADD COLUMN featured INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN mod_version INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN report_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE comments ADD COLUMN hold_reason TEXT;
  ALTER TABLE comments ADD COLUMN removed_reason TEXT;
  CREATE INDEX comments_created ON comments (created_at DESC, id DESC);
  CREATE INDEX comments_status ON comments (status, created_at DESC, id DESC);
  CREATE INDEX comments_author ON comments (author_id, created_at DESC, id DESC);

  ALTER TABLE articles ADD COLUMN premod TEXT NOT NULL DEFAULT 'off';
  ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE articles ADD COLUMN banned_words TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE articles ADD COLUMN suspect_words TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE articles ADD COLUMN report_threshold INTEGER NOT NULL DEFAULT 3;

  CREATE TABLE reports (
    comment_id TEXT NOT NULL REFERENCES comments (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
  ) WITHOUT ROWID;

  CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    article_id TEXT,
    comment_id TEXT,
    target_user_id TEXT,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT,
    before TEXT,
    after TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX audit_at ON audit (at DESC, id DESC);
  CREATE INDEX audit_comment ON audit (comment_id, at DESC);
  CREATE INDEX audit_target ON audit (target_user_id, at DESC);
  CREATE INDEX audit_article ON audit (article_id, at DESC);

  CREATE TABLE sanctions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('warn', 'mute', 'ban')),
    reason TEXT NOT NULL,
    until TEXT,
    actor_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT,
    lifted_at TEXT
  );
  CREATE INDEX sanctions_user ON sanctions (user_id, created_at DESC);
  `,
  // 4: collaborative documents (Yjs update log, snapshots, named versions) and the debate roster.
  `
  CREATE TABLE collab_docs (
    doc_name TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL DEFAULT 0,
    snapshot BLOB,
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE collab_updates (
    doc_name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    user_id TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (doc_name, seq)
  );
  CREATE TABLE collab_versions (
    id TEXT PRIMARY KEY,
    doc_name TEXT NOT NULL,
    name TEXT NOT NULL,
    state BLOB NOT NULL,
    size INTEGER NOT NULL,
    created_by TEXT,
    reason TEXT NOT NULL CHECK (reason IN ('manual', 'phase', 'restore')),
    created_at TEXT NOT NULL
  );
  CREATE INDEX collab_versions_doc ON collab_versions (doc_name, created_at DESC, id DESC);

  CREATE TABLE debates (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    host_id TEXT NOT NULL,
    motion TEXT NOT NULL,
    positions TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX debates_article ON debates (article_id, created_at);
  `,
  // 5: debate sessions: plan and state, votes per round, hands, questions, credits; comments' positions.
  DEBATE_SESSION_MIGRATION,
  // 6: automatic slow mode: its settings and state per article, and the comment rate it reads.
  AUTO_SLOW_MODE_MIGRATION,
  // 7: debate statement streams: each paragraph with its debate's seq (issue 13).
  STATEMENTS_MIGRATION,
  // 8: the host role: the users table rebuilt with the new CHECK (issue 13).
  HOST_ROLE_MIGRATION,
  // 9: visible comments by article, for the front page's comment counts (issue 14).
  VISIBLE_COMMENTS_MIGRATION,
  // 10: name skeletons, e-mail lookup and password reset tokens (issue 15).
  ACCOUNT_SAFETY_MIGRATION,
  // 11: notifications, their settings and debate follows (issue 15).
  NOTIFICATIONS_MIGRATION,
  // 12: profiles and moderator context: comments' staff badge, the audit log by actor (issue 15).
  PROFILES_MIGRATION,
  // 13: common ground: statements of an article or a debate and readers' votes on them (issue 16).
  GROUND_MIGRATION,
];

/**
 * Brings the database up to the newest schema inside one transaction per migration. Several
 * processes may open one file at once (DATA_DIR shared on a host): the version is read inside the
 * IMMEDIATE (write-locked) transaction, so a migration another process applied meanwhile is not
 * applied twice.
 */
export function migrate(db: Database): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return false;
    const migration = MIGRATIONS[version]!;
    if (typeof migration === 'string') db.exec(migration);
    else migration(db);
    // Foreign keys are off while migrating (below), so they are checked here, before the commit.
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration ${version + 1} breaks ${broken.length} foreign keys`);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  // A table rebuild (migration 8) drops a table others refer to: with foreign keys on, the drop would
  // delete or refuse their rows. The pragma does nothing inside a transaction, hence out here.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    while (step.immediate()) {
      // One migration per transaction, until none is left.
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
