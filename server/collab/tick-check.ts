/**
 * Checking the edits of one relay tick (batch.ts) on the shadow copy (shadow.ts) before anything of
 * them is stored: the size limits, that each applies and leaves nothing waiting, and what they
 * change together. Two ways, same outcome:
 * - together, the common case: every edit of the tick in ONE shadow transaction, so Yjs pays its
 *   per-transaction work once per tick and the change comes out already merged (an edit may then
 *   lean on another edit of the same tick that came after it: the tick as a whole must apply and
 *   leave nothing waiting);
 * - one by one, when that fails (an edit that does not apply, depends on something the server
 *   lacks, or passes a limit): each edit is checked alone, a bad one is refused by itself, its
 *   sender's later edits of the tick are dropped, and the others go on as before.
 */
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import type { SubmittedUpdate } from './batch.js';
import type { DocPeer } from './document.js';
import type { CollabOptions } from './options.js';
import type { Shadow } from './shadow.js';

export interface CheckedTick {
  /** Edits whose change is in `change` (or that changed nothing); settled by the caller. */
  accepted: SubmittedUpdate[];
  /** What the accepted edits change together, staged on the shadow; null when they change nothing. */
  change: Uint8Array | null;
}

export class TickCheck {
  /** Encoded size of the live doc plus what is staged: exact after load and compaction, an upper bound in between. */
  sizeEstimate: number;

  constructor(
    private readonly shadow: Shadow,
    private readonly options: Pick<CollabOptions, 'maxUpdateBytes' | 'maxDocBytes'>,
  ) {
    this.sizeEstimate = shadow.exactSize();
  }

  /**
   * Checks `updates` (oldest first). Edits refused on the way are rejected here (AppError
   * UPDATE_TOO_LARGE, DOCUMENT_TOO_LARGE, MALFORMED_MESSAGE); edits of connections closed for a
   * fault, or that lost edit access (a roster change) while the edit waited for its tick, are
   * dropped (resolve null). The shadow holds the returned change, staged, and nothing of the rest.
   */
  run(updates: SubmittedUpdate[]): CheckedTick {
    const candidates = updates.filter((u) => {
      if (!u.origin || (u.origin.trusted && u.origin.canEdit)) return true;
      u.resolve(null);
      return false;
    });
    return this.together(candidates) ?? this.oneByOne(candidates);
  }

  /** The change the shadow held for a tick that was not stored after all: its bytes leave the estimate. */
  forget(change: Uint8Array): void {
    this.sizeEstimate -= change.byteLength;
  }

  private together(candidates: SubmittedUpdate[]): CheckedTick | null {
    if (candidates.some((u) => u.update.byteLength > this.limitOf(u))) return null;
    let change: Uint8Array | null;
    try {
      change = this.shadow.check(candidates.map((u) => u.update));
      if (change) this.admit(change);
    } catch {
      return null;
    }
    return { accepted: candidates, change };
  }

  private oneByOne(candidates: SubmittedUpdate[]): CheckedTick {
    const accepted: SubmittedUpdate[] = [];
    const changes: Uint8Array[] = [];
    const refused = new Set<DocPeer>();
    for (const u of candidates) {
      if (u.origin && refused.has(u.origin)) {
        u.resolve(null);
        continue;
      }
      try {
        if (u.update.byteLength > this.limitOf(u)) throw new AppError('UPDATE_TOO_LARGE');
        const change = this.shadow.check([u.update]);
        if (change) {
          this.admit(change);
          changes.push(change);
        }
        accepted.push(u);
      } catch (err) {
        if (u.origin) refused.add(u.origin);
        u.reject(err);
      }
    }
    const change = changes.length === 0 ? null : changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    return { accepted, change };
  }

  /** Client edits are limited to one message's size; the server's own (restores) to the document's. */
  private limitOf(u: SubmittedUpdate): number {
    return u.origin ? this.options.maxUpdateBytes : this.options.maxDocBytes;
  }

  /**
   * The document limit with `change` (just staged on the shadow): checked on the estimate, and on
   * the exact size only when the estimate says it may be passed. Throws DOCUMENT_TOO_LARGE and takes
   * the change back off the shadow.
   */
  private admit(change: Uint8Array): void {
    if (this.sizeEstimate + change.byteLength > this.options.maxDocBytes) {
      const exact = this.shadow.exactSize();
      if (exact > this.options.maxDocBytes) {
        this.shadow.dropLast();
        throw new AppError('DOCUMENT_TOO_LARGE');
      }
      this.sizeEstimate = exact - change.byteLength;
    }
    this.sizeEstimate += change.byteLength;
  }
}
