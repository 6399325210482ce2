/**
 * When to write a snapshot (the "store" hook): debounced after writes, with a maximum wait, so a
 * document being typed into is compacted at least every `maxWaitMs` and a quiet one soon after
 * its last change. The registry also compacts when the last client leaves and before unloading.
 * What is written is the merge of what is stored (mergeStored), never a process's live copy.
 */
import * as Y from 'yjs';
import type { StoredDoc } from '../store/collab-store.js';
import type { CollabHooks } from './hooks.js';

/** Compactions in a row that may lose the compare-and-set to other processes before giving up until the next write. */
const COMPACT_ATTEMPTS = 3;

/** The highest seq a stored document covers. */
export function lastSeqOf(stored: StoredDoc): number {
  return stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
}

/**
 * One compaction: reads what is stored, merges it, and writes it as the snapshot covering the last
 * update read, with a compare-and-set on the snapshot it was merged from. When another process's
 * compaction came first, reads again (a few times). Answers the last state merged (for the caller
 * to take in: it may hold other processes' edits), the seq it covers, and whether the log is now
 * compacted up to there (written, or nothing left to merge).
 */
export async function compactStored(
  hooks: Pick<CollabHooks, 'load' | 'store'>,
  docName: string,
): Promise<{ state: Uint8Array | null; seq: number; done: boolean }> {
  let last: { state: Uint8Array | null; seq: number } = { state: null, seq: 0 };
  for (let attempt = 1; attempt <= COMPACT_ATTEMPTS; attempt++) {
    const stored = await hooks.load(docName);
    const upToSeq = stored.updates.at(-1)?.seq;
    // Nothing after the snapshot: another process compacted everything, ours included.
    if (upToSeq === undefined) return { state: stored.snapshot, seq: stored.snapshotSeq, done: true };
    const state = mergeStored(stored);
    last = { state, seq: upToSeq };
    if (await hooks.store(docName, state, upToSeq, stored.snapshotSeq)) return { ...last, done: true };
  }
  return { ...last, done: false };
}

/**
 * The snapshot and every update after it, merged into one state (an update of the whole document,
 * garbage-collected like a live doc's). Throws if a stored update does not apply.
 */
export function mergeStored(stored: StoredDoc): Uint8Array {
  const doc = new Y.Doc();
  try {
    applyStored(doc, stored);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Applies the snapshot and every update after it to `doc`, in ONE transaction: a document typed
 * into for 10 s by many people has hundreds of stored updates, and Yjs's per-transaction work
 * (state vectors, cleanup) would otherwise be paid for each. Throws if a stored update does not apply.
 */
export function applyStored(doc: Y.Doc, stored: StoredDoc): void {
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  });
}

export class CompactionTimer {
  private timer: NodeJS.Timeout | null = null;
  private firstWriteAt: number | null = null;

  constructor(
    private readonly run: () => void,
    private readonly debounceMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Called after every write: (re)arms the timer, never past the maximum wait. */
  touch(now = Date.now()): void {
    this.firstWriteAt ??= now;
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstWriteAt + this.maxWaitMs - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cancel();
      this.run();
    }, delay);
    this.timer.unref();
  }

  /** Forgets pending writes (a compaction is running or the document is going away). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstWriteAt = null;
  }
}
