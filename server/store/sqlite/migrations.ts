/**
 * Schema migrations for the SQLite adapter, applied in order on open. The applied version lives in
 * `PRAGMA user_version`, so each migration runs once. Append new migrations; never edit old ones.
 */
import type { Database } from 'better-sqlite3';

const MIGRATIONS: string[] = [
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
];

/** Brings the database up to the newest schema inside one transaction per migration. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
