/**
 * Migration 8 (the host role) rebuilds the users table: every user and every row that refers to
 * one (refresh tokens cascade on delete; comments do not) survives it, and the new role is taken.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { HOST_ROLE_MIGRATION } from './host-role.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-host-role-'));
  dirs.push(dir);
  return join(dir, 'parley.db');
}

describe('the host role migration', () => {
  it('keeps users and what refers to them, takes the host role, and refuses unknown roles', () => {
    const db = new Database(freshFile());
    db.pragma('foreign_keys = ON');
    migrate(db);
    const version = db.pragma('user_version', { simple: true }) as number;
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'users'").pluck().get()).toContain("'host'");
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO users (id, name, name_key, password_hash, role, email, sso_provider, sso_subject, created_at)
       VALUES ('u1', 'Ann', 'ann', NULL, 'reader', NULL, NULL, NULL, ?)`,
    ).run(now);
    db.prepare('INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run('t1', 'u1', now);

    // Run the rebuild (migration 8) again over populated tables, as an older database meets it.
    db.pragma('user_version = 7');
    expect(HOST_ROLE_MIGRATION).toContain('DROP TABLE users');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT name FROM users').pluck().all()).toEqual(['Ann']);
    // The cascade did not fire: the token survived the drop.
    expect(db.prepare('SELECT user_id FROM refresh_tokens').pluck().all()).toEqual(['u1']);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'users' AND type = 'index'").pluck().all(),
    ).toEqual(expect.arrayContaining(['users_sso', 'users_created']));
    db.prepare("UPDATE users SET role = 'host' WHERE id = 'u1'").run();
    expect(() => db.prepare("UPDATE users SET role = 'owner' WHERE id = 'u1'").run()).toThrow(/CHECK/);
    // And references still point at the rebuilt table.
    expect(() =>
      db
        .prepare('INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)')
        .run('t2', 'nobody', now),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
