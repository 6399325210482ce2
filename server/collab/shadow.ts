/**
 * The shadow copy of a live document: the live state plus the updates being checked. An update is
 * applied here first; what it changed, in canonical form, is what gets stored, and only once it is
 * stored does it reach the live doc. What the updates of one relay tick changed stays *staged* here
 * (the shadow holds it, the live doc does not yet) until it is stored and applied to the live doc
 * (commit) or dropped (discard). A check that fails rebuilds the shadow from the live doc and what
 * is still staged, so a bad update costs the updates checked before it nothing.
 */
import * as Y from 'yjs';
import { AppError } from '../errors.js';

export class Shadow {
  private doc: Y.Doc;
  /** Checked updates the shadow holds and the live doc does not (yet). */
  private staged: Uint8Array[] = [];
  /** What the shadow emitted while applying the update being checked (its 'update' events). */
  private emitted: Uint8Array[] = [];
  /** One listener for the shadow's life (not one per check: a check is on the hot path of every keystroke). */
  private readonly capture = (update: Uint8Array): void => void this.emitted.push(update);

  constructor(private readonly live: Y.Doc) {
    this.doc = this.copyOfLive();
  }

  /**
   * Applies `updates` in one transaction and returns what they changed together (the update the
   * shadow emitted: only new structs and deletions, in canonical form), staged until commit() or
   * discard(), or null for no-ops. One transaction for a whole relay tick is what makes checking
   * cheap under load: Yjs pays its per-transaction work (state vectors, encoding the change) once.
   * Updates that throw, or that leave structs or deletions waiting for changes the server does not
   * have, are MALFORMED_MESSAGE, and the shadow is as it was: the server has every change any
   * client can have seen (it persists before it relays), so such an update is a bug or an attack,
   * and storing it would grow the log with content nobody can see.
   */
  check(updates: readonly Uint8Array[]): Uint8Array | null {
    const emitted: Uint8Array[] = (this.emitted = []);
    try {
      Y.transact(this.doc, () => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      });
    } catch {
      this.rebuild();
      throw new AppError('MALFORMED_MESSAGE', 'The update could not be applied.');
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      this.rebuild();
      throw new AppError('MALFORMED_MESSAGE', 'The update depends on changes the server does not have.');
    }
    if (emitted.length === 0) return null;
    const effective = emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
    this.staged.push(effective);
    return effective;
  }

  /** Encoded size of the shadow (the live doc plus the staged updates). */
  exactSize(): number {
    return Y.encodeStateAsUpdate(this.doc).byteLength;
  }

  /** Takes back the change checked last (it was refused after all, e.g. for its size). */
  dropLast(): void {
    this.staged.pop();
    this.rebuild();
  }

  /** The staged updates are in the live doc now: the shadow equals it again. */
  commit(): void {
    this.staged = [];
  }

  /** Back to the live state: the staged updates were not stored. */
  discard(): void {
    this.staged = [];
    this.rebuild();
  }

  destroy(): void {
    this.doc.destroy();
  }

  /** The live doc plus what is staged (each of which applied cleanly before). */
  private rebuild(): void {
    this.doc.destroy();
    this.doc = this.copyOfLive();
  }

  /** A fresh shadow: the live state and the staged updates, listened to for what later updates change. */
  private copyOfLive(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.live));
    for (const update of this.staged) Y.applyUpdate(doc, update);
    doc.on('update', this.capture);
    return doc;
  }
}
