/**
 * A digest of everything a test server has stored, for tests that prove "nothing changed": a
 * count of a few things misses a write to any table nobody thought of, a digest of every row
 * of every table does not.
 *
 * It reads the server's SQLite file (`<dataDir>/parley.db`) through a second, read-only
 * connection, so it sees exactly what is committed and cannot write anything itself. The server
 * writes synchronously (better-sqlite3) before it answers, so once a test has its answer the
 * write, if any, is visible here.
 *
 * No column is left out: no read path in server/store/sqlite writes (no "last seen", no read
 * counters, no pruning on read; expired SSO ids are pruned only when an SSO sign-in is stored;
 * a collab document is compacted only when it has unsaved updates), so any difference is a real
 * write. Should such a column appear, list it in IGNORED with why.
 *
 * Background writes do move it: a collab document is compacted about 2 s after its last edit.
 * Take a "before" digest when no such write is pending (the tests that use it edit no document).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Columns that legitimately change on reads, by table (none today; see above). */
const IGNORED: Record<string, readonly string[]> = {};

/** Per table: how many rows and a SHA-256 over all of them, so a mismatch names the table that moved. */
export type StoreDigest = Record<string, { rows: number; sha256: string }>;

/** Digests every row of every table of the test server's store, plus the schema version. */
export function storeDigest(dataDir: string): StoreDigest {
  const file = join(dataDir, 'parley.db');
  // A store other than SQLite (MONGO_URL) has no file here: say so rather than digest nothing.
  if (!existsSync(file)) throw new Error(`storeDigest: no SQLite store at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // One read transaction, so every table is read at the same committed moment.
    return db.transaction(() => {
      const digest: StoreDigest = {
        user_version: { rows: 1, sha256: sha256(String(db.pragma('user_version', { simple: true }))) },
      };
      const tables = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all();
      for (const { name } of tables) digest[name] = digestTable(db, name);
      return digest;
    })();
  } finally {
    db.close();
  }
}

function digestTable(db: Database.Database, table: string): { rows: number; sha256: string } {
  const columns = db
    .prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)')
    .all(table);
  const kept = columns.filter((c) => !IGNORED[table]?.includes(c.name)).map((c) => c.name);
  // Sorted by the primary key (stable whatever order rows were written or vacuumed in); a table
  // without one is sorted by all its columns.
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const order = (key.length ? key.map((c) => c.name) : kept).map(quote).join(', ');
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of db
    .prepare(`SELECT ${kept.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${order}`)
    .raw()
    .iterate()) {
    rows += 1;
    for (const value of row as unknown[]) hash.update(encode(value));
    hash.update('\n');
  }
  return { rows, sha256: hash.digest('hex') };
}

/** Each value with its type, so NULL, '' , 0 and '0' differ, and BLOBs are hashed by their bytes. */
function encode(value: unknown): string | Buffer {
  if (value === null) return 'n;';
  if (Buffer.isBuffer(value)) return Buffer.concat([Buffer.from(`b${value.length}:`), value]);
  const text = String(value);
  return `${typeof value === 'string' ? 's' : 'v'}${Buffer.byteLength(text)}:${text}`;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
