import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PROFILES_MIGRATION } from './profiles.js';
import { migrate } from './migrations.js';

describe('migration 12 (profiles, moderator context)', () => {
  it('adds the badge column and the audit index once, and runs again harmlessly', () => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const columns = () => (db.pragma('table_info(comments)') as Array<{ name: string }>).map((c) => c.name);
      expect(columns().filter((c) => c === 'author_badge')).toHaveLength(1);
      PROFILES_MIGRATION(db);
      expect(columns().filter((c) => c === 'author_badge')).toHaveLength(1);
      const indexes = (db.pragma('index_list(audit)') as Array<{ name: string }>).map((i) => i.name);
      expect(indexes).toContain('audit_actor');
    } finally {
      db.close();
    }
  });
});
