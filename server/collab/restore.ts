/**
 * Restoring a version without erasing history: the restore is a new change on top of the current
 * document that makes its content equal to the version's. Computed with Yjs itself: load the
 * version into a scratch doc, replay everything that happened since (as one tracked transaction),
 * and undo that transaction with an UndoManager scoped to the whole doc. Undoing re-creates
 * deleted content as new items and deletes later insertions, so the result is an ordinary update
 * that every client merges like an edit.
 */
import * as Y from 'yjs';

const REPLAY = Symbol('replay since version');

/**
 * The update that turns `current` back into the content of `versionState`. The version must come
 * from the same document's history (its state is contained in `current`'s).
 */
export function restoreUpdateFor(current: Y.Doc, versionState: Uint8Array): Uint8Array {
  // gc off: the replayed deletions must keep their content, or there is nothing to undo them to.
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, versionState);
    const undo = new Y.UndoManager(scratch, { trackedOrigins: new Set([REPLAY]), captureTimeout: 0 });
    const currentState = Y.encodeStateVector(current);
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current, Y.encodeStateVector(scratch)), REPLAY);
    undo.undo();
    undo.destroy();
    return Y.encodeStateAsUpdate(scratch, currentState);
  } finally {
    scratch.destroy();
  }
}
