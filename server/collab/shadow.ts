/**
 * The shadow copy of a live document: the live state plus the update being checked. An update is
 * applied here first; what it changed, in canonical form, is what gets stored, and only once it is
 * stored does it reach the live doc. A check that fails rebuilds the shadow from the live doc.
 */
import * as Y from 'yjs';
import { AppError } from '../errors.js';

export class Shadow {
  private doc: Y.Doc;

  constructor(private readonly live: Y.Doc) {
    this.doc = Shadow.copyOf(live);
  }

  /**
   * Applies `update` and returns what it changed (the update the shadow emitted: only new structs
   * and deletions, in canonical form), or null for a no-op. An update that throws, or that leaves
   * structs or deletions waiting for changes the server does not have, is MALFORMED_MESSAGE: the
   * server has every change any client can have seen (it persists before it relays), so such an
   * update is a bug or an attack, and storing it would grow the log with content nobody can see.
   */
  check(update: Uint8Array): Uint8Array | null {
    const emitted: Uint8Array[] = [];
    const capture = (u: Uint8Array) => emitted.push(u);
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      this.reset();
      throw new AppError('MALFORMED_MESSAGE', 'The update could not be applied.');
    } finally {
      this.doc.off('update', capture);
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      this.reset();
      throw new AppError('MALFORMED_MESSAGE', 'The update depends on changes the server does not have.');
    }
    if (emitted.length === 0) return null;
    return emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
  }

  /** Encoded size of the shadow (the live doc plus the update just checked). */
  exactSize(): number {
    return Y.encodeStateAsUpdate(this.doc).byteLength;
  }

  /** Back to the live state (the checked update was not stored). */
  reset(): void {
    this.doc.destroy();
    this.doc = Shadow.copyOf(this.live);
  }

  destroy(): void {
    this.doc.destroy();
  }

  private static copyOf(live: Y.Doc): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return doc;
  }
}
