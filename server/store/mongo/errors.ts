/** Maps MongoDB duplicate-key failures onto the store's own conflict error. */
import { StoreConflictError } from '../store.js';

interface DuplicateKeyShape {
  code?: unknown;
  keyPattern?: unknown;
  message?: unknown;
}

/**
 * Returns a StoreConflictError when `err` is a duplicate-key error (code 11000) on an index that
 * covers one of `paths`, else null. `paths` maps an indexed field name to the conflict it means.
 * The server reports the index's key pattern; when it does not, the index name is read from the
 * message ("... index: users_nameKey dup key: ..."). Only the index name is matched there, never
 * the duplicated value, which may hold user text.
 */
export function conflictOf(
  err: unknown,
  paths: Record<string, StoreConflictError['field']>,
): StoreConflictError | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as DuplicateKeyShape;
  if (e.code !== 11000 && e.code !== 11001) return null;
  const keys = typeof e.keyPattern === 'object' && e.keyPattern !== null ? Object.keys(e.keyPattern) : [];
  const index = typeof e.message === 'string' ? (/ index: (\S+)/.exec(e.message)?.[1] ?? '') : '';
  for (const [path, field] of Object.entries(paths)) {
    if (keys.length > 0 ? keys.includes(path) : index.includes(path)) return new StoreConflictError(field);
  }
  return null;
}

/** Runs `write` and rethrows a duplicate-key failure on one of `paths` as StoreConflictError. */
export async function mapConflict<T>(
  write: () => Promise<T>,
  paths: Record<string, StoreConflictError['field']>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw conflictOf(err, paths) ?? err;
  }
}
