/** Profile reads in SQLite (profile-store.ts), and migration 12 (issue 15: profiles, moderator context). */
import type { Database } from 'better-sqlite3';
import type { ProfileStore } from '../profile-store.js';

/**
 * Migration 12: the staff badge a comment was posted with (null for everyone else), and the audit
 * log by actor, so undo finds a moderator's own recent entries without walking the whole log.
 * SQLite has no `ADD COLUMN IF NOT EXISTS`, and a test may rewind the schema version to re-run older
 * migrations after this one (host-role.test.ts), so the column is added only where it is missing.
 */
export function PROFILES_MIGRATION(db: Database): void {
  const columns = db.pragma('table_info(comments)') as Array<{ name: string }>;
  if (!columns.some((c) => c.name === 'author_badge')) db.exec('ALTER TABLE comments ADD COLUMN author_badge TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor_id, at DESC)');
}

export function profileMethods(db: Database): ProfileStore {
  // The roster is a JSON array of positions, each with its debaterIds: json_each walks both levels.
  const debatesOf = db.prepare<[string, string, number], { id: string }>(
    `SELECT d.id FROM debates d
     WHERE d.host_id = ?
        OR EXISTS (SELECT 1 FROM json_each(d.positions) p, json_each(p.value, '$.debaterIds') u WHERE u.value = ?)
     ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
  );
  return {
    async listDebateIdsOfUser(userId, limit) {
      if (limit < 1) return [];
      return debatesOf.all(userId, userId, limit).map((r) => r.id);
    },
  };
}
