/**
 * Reading updates that a read-only connection sends. Such updates are never applied; this only
 * tells a harmless one (the sync step 2 every provider sends after connecting, holding nothing the
 * server lacks) from an attempted edit, which is counted against the connection.
 */
import * as Y from 'yjs';
import { AppError } from '../errors.js';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** True when every range [clock, clock + len) of `wanted` lies inside a range of `have` (both sorted, merged). */
function covered(have: DeleteSet, wanted: DeleteSet): boolean {
  for (const [client, items] of wanted.clients) {
    const ranges = have.clients.get(client) ?? [];
    for (const item of items) {
      if (item.len <= 0) continue;
      const end = item.clock + item.len;
      if (!ranges.some((r) => r.clock <= item.clock && end <= r.clock + r.len)) return false;
    }
  }
  return true;
}

/**
 * Whether applying `update` would change `doc`: it holds structs past the document's state vector
 * or deletes something the document has not deleted. Throws AppError MALFORMED_MESSAGE when the
 * update cannot be decoded. Reads the document only.
 */
export function updateWouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new AppError('MALFORMED_MESSAGE', 'The update could not be read.');
  }
  const state = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (state.get(struct.id.client) ?? 0)) return true;
  }
  if (decoded.ds.clients.size === 0) return false;
  return !covered(Y.createDeleteSetFromStructStore(doc.store), decoded.ds);
}
