/**
 * Migration 8: the `host` role (shared/types.ts ROLES). SQLite cannot change a CHECK constraint in
 * place, so the users table is rebuilt the way SQLite documents (create the new table, copy, drop,
 * rename, index again), with foreign keys off for the step (migrations.ts turns them off around
 * every migration and checks them before each commit), so the rows that refer to users are kept
 * as they are and their references resolve to the new table by name.
 */
export const HOST_ROLE_MIGRATION = `
  CREATE TABLE users_with_host (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('reader', 'host', 'moderator', 'admin')),
    email TEXT,
    sso_provider TEXT,
    sso_subject TEXT,
    created_at TEXT NOT NULL
  );
  INSERT INTO users_with_host (id, name, name_key, password_hash, role, email, sso_provider, sso_subject, created_at)
    SELECT id, name, name_key, password_hash, role, email, sso_provider, sso_subject, created_at FROM users;
  DROP TABLE users;
  ALTER TABLE users_with_host RENAME TO users;
  CREATE UNIQUE INDEX users_sso ON users (sso_provider, sso_subject) WHERE sso_provider IS NOT NULL;
  CREATE INDEX users_created ON users (created_at, id);
`;
