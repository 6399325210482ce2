/**
 * One loaded collaborative document: its Yjs state, the connections that have it open, their
 * awareness, and the change pipeline. Every accepted update goes, one at a time per document:
 *   check on the shadow copy -> size limit -> persist (hooks.change) -> apply to the live doc ->
 *   relay to this process's connections -> publish to the other processes (relay.ts).
 * The live doc therefore only ever holds persisted updates, and everything a client hears from the
 * server (sync step 2, relayed updates) is durable: once a second client has an update, a crash
 * cannot lose it.
 *
 * Several processes may have the same document loaded (sharing one store). Each live doc is then
 * a copy: it holds what this process accepted, what the relay brought from the others, and what
 * it read from the store. Compaction therefore never writes the live doc: it merges what is
 * STORED (snapshot + updates) and writes that with a compare-and-set (DESIGN rule 9). What the
 * store has and the live doc lacks (another process's edits) is then taken into the live doc and
 * relayed to this process's connections, as it is before a version is taken or restored.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { DebateRecord } from '../store/collab-store.js';
import type { AwarenessEntry } from './awareness.js';
import { CompactionTimer, compactStored, lastSeqOf, mergeStored } from './compaction.js';
import { DocAwareness } from './doc-awareness.js';
import type { DocRef } from '../../shared/doc-names.js';
import type { CollabHooks } from './hooks.js';
import type { CollabOptions } from './options.js';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { localDocRelay, REMOTE_ORIGIN, type DocRelay, type RelayMessage } from './relay.js';
import { Shadow } from './shadow.js';

/** What a document needs of a connection. */
export interface DocPeer {
  readonly actor: Actor | null;
  readonly canEdit: boolean;
  /** False once the server closed it for a fault: updates it queued before are dropped. */
  readonly trusted: boolean;
  send(frame: Uint8Array): void;
  /** Re-checks the peer's access after the debate roster changed. */
  refreshAccess(debate: DebateRecord): void;
}

/** Origin of changes the server makes itself (restores). */
export const SERVER_ORIGIN = Symbol('server');

export class CollabDocument {
  readonly peers = new Set<DocPeer>();
  /** Highest seq of the updates the live doc holds (for diagnostics: with several processes there may be gaps below it). */
  lastSeq: number;
  /** Updates this process persisted (or found in the log when it loaded) since its last compaction. */
  private unsaved: number;
  /** Encoded size of the live doc, exact after load and compaction, an upper bound in between. */
  private sizeEstimate: number;
  /** The live doc plus the update being checked (shadow.ts). */
  private readonly shadow: Shadow;
  private queue: Promise<unknown> = Promise.resolve();
  /** Cursors and names: who speaks for which client id, here and on the other processes. */
  readonly presence: DocAwareness;
  private readonly compaction: CompactionTimer;
  private destroyed = false;

  private constructor(
    readonly ref: DocRef,
    readonly live: Y.Doc,
    private readonly hooks: CollabHooks,
    private readonly options: CollabOptions,
    private readonly log: Logger,
    private readonly relay: DocRelay,
    loaded: { lastSeq: number; pending: number },
  ) {
    this.lastSeq = loaded.lastSeq;
    this.unsaved = loaded.pending;
    this.shadow = new Shadow(live);
    this.sizeEstimate = this.shadow.exactSize();
    this.compaction = new CompactionTimer(
      () => void this.compact(),
      options.compactDebounceMs,
      options.compactMaxWaitMs,
    );
    this.presence = new DocAwareness(
      live,
      this.peers,
      (update) => this.relay.publish(this.name, { type: 'awareness', update }),
      log.child({ doc: ref.name }),
    );
  }

  get name(): string {
    return this.ref.name;
  }

  /**
   * The load hook: snapshot, then every later update, in seq order. A stored update that fails to
   * apply fails the load. With a relay, the registry subscribes before it calls this.
   */
  static async load(
    ref: DocRef,
    hooks: CollabHooks,
    options: CollabOptions,
    log: Logger,
    relay: DocRelay = localDocRelay(),
  ): Promise<CollabDocument> {
    const stored = await hooks.load(ref.name);
    const live = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(live, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(live, update);
    return new CollabDocument(ref, live, hooks, options, log, relay, {
      lastSeq: lastSeqOf(stored),
      pending: stored.updates.length,
    });
  }

  /** Runs `task` after every earlier task of this document: edits, restores and compactions never interleave. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every task queued so far has finished. */
  idle(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /**
   * The whole document as an update, after every queued task and after taking in what the store
   * has that this copy lacks (edits accepted by another process): what a version saves. Rejects
   * with the store's error.
   */
  current(): Promise<Uint8Array> {
    return this.enqueue(async () => {
      await this.catchUpNow();
      return Y.encodeStateAsUpdate(this.live);
    });
  }

  /** A new connection: our state vector (so it sends what we lack) and the awareness of the others. */
  join(peer: DocPeer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.live));
    const present = this.presence.joinFrame();
    if (present) peer.send(present);
  }

  leave(peer: DocPeer): void {
    this.peers.delete(peer);
    this.dropAwarenessOf(peer, 'left');
  }

  /** Sync step 2 for a client's state vector. Throws MALFORMED_MESSAGE for an unreadable one. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    try {
      return encodeSyncStep2(this.live, stateVector);
    } catch {
      throw new AppError('MALFORMED_MESSAGE', 'The state vector could not be read.');
    }
  }

  /**
   * The change hook for one client update. Resolves with its seq once it is durable, applied and
   * relayed, or with null if it changed nothing (nothing is stored then). Rejects with AppError
   * MALFORMED_MESSAGE, UPDATE_TOO_LARGE or DOCUMENT_TOO_LARGE, or with the store's error; the
   * document is unchanged then.
   */
  submit(update: Uint8Array, userId: string | null, origin: DocPeer | null): Promise<number | null> {
    return this.enqueue(() => this.accept(update, userId, origin));
  }

  /**
   * Runs `task` alone in the document's queue, with `apply` to push a server-made update through
   * the same pipeline (restores: the state is read and the restoring update made and stored with
   * no edit in between). Server-made updates may be as large as the document limit. The live doc
   * first takes in what the store has (another process's edits), so `task` sees the whole document.
   */
  exclusive<T>(
    task: (live: Y.Doc, apply: (update: Uint8Array, userId: string | null) => Promise<number | null>) => Promise<T>,
  ): Promise<T> {
    return this.enqueue(async () => {
      await this.catchUpNow();
      return task(this.live, (update, userId) => this.accept(update, userId, null));
    });
  }

  private async accept(update: Uint8Array, userId: string | null, origin: DocPeer | null): Promise<number | null> {
    const limit = origin ? this.options.maxUpdateBytes : this.options.maxDocBytes;
    if (update.byteLength > limit) throw new AppError('UPDATE_TOO_LARGE');
    if (origin && !origin.trusted) return null;
    const effective = this.shadow.check(update);
    if (!effective) return null;
    if (this.sizeEstimate + effective.byteLength > this.options.maxDocBytes) {
      const exact = this.shadow.exactSize();
      if (exact > this.options.maxDocBytes) {
        this.shadow.reset();
        throw new AppError('DOCUMENT_TOO_LARGE');
      }
      this.sizeEstimate = exact - effective.byteLength;
    }
    let seq: number;
    try {
      seq = await this.hooks.change(this.name, effective, userId);
    } catch (err) {
      // Not stored, so not applied: the shadow goes back to the live state.
      this.shadow.reset();
      throw err;
    }
    // Durable now: apply and relay in one synchronous step, so a connection joining at any point
    // gets the update either in its sync step 2 or as a relay, never both missing.
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.unsaved++;
    this.sizeEstimate += effective.byteLength;
    Y.applyUpdate(this.live, effective, origin ?? SERVER_ORIGIN);
    const frame = encodeUpdate(effective);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    // Stored first, so a process that hears this and one that loads later agree.
    this.relay.publish(this.name, { type: 'update', seq, update: effective });
    this.compaction.touch();
    return seq;
  }

  /** What the relay brought from another process about this document. */
  receive(message: RelayMessage): void {
    if (this.destroyed) return;
    switch (message.type) {
      case 'update':
        this.enqueue(() => this.receiveUpdate(message.update, message.seq)).catch((err: unknown) =>
          this.log.error({ err, doc: this.name }, 'collab: a relayed update could not be taken in'),
        );
        return;
      case 'resync':
        void this.catchUp();
        return;
      case 'awareness':
        this.presence.receive(message.update);
        return;
      case 'awareness-query':
        this.presence.answerQuery();
        return;
    }
  }

  /**
   * Reads the document from the store and takes in what this copy lacks, relaying it to this
   * process's connections (after the relay reconnected, or when another process asks). Failures
   * are logged; the next catch-up or compaction tries again.
   */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.catchUpNow()).catch((err: unknown) =>
      this.log.error({ err, doc: this.name }, 'collab: catching up from the store failed'),
    );
  }

  /** Tells the other processes that this one loaded the document: they answer with their editors' awareness. */
  announce(): void {
    this.relay.publish(this.name, { type: 'awareness-query' });
  }

  /**
   * An update another process stored and published. It was checked there; here it only has to
   * fit: one that depends on changes this copy lacks means a message was lost (Redis pub/sub is
   * at most once), and the store, which has everything that was ever published, fills the gap.
   */
  private async receiveUpdate(update: Uint8Array, seq: number): Promise<void> {
    if (this.destroyed) return;
    let effective: Uint8Array | null;
    try {
      effective = this.shadow.check(update);
    } catch {
      this.log.warn({ doc: this.name, seq }, 'collab: relayed update out of order; catching up from the store');
      await this.catchUpNow();
      return;
    }
    this.integrate(effective);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  /** Must run in the queue. Takes in whatever the store has that the live doc lacks. */
  private async catchUpNow(): Promise<void> {
    if (this.destroyed) return;
    const stored = await this.hooks.load(this.name);
    if (stored.snapshot === null && stored.updates.length === 0) return;
    this.absorb(mergeStored(stored), lastSeqOf(stored));
  }

  /** Must run in the queue. Takes a stored (merged) state into the live doc; what was new there goes to the connections. */
  private absorb(state: Uint8Array, seq: number): void {
    if (this.destroyed) return;
    let effective: Uint8Array | null;
    try {
      effective = this.shadow.check(state);
    } catch (err) {
      // Every stored update was checked before it was stored, so this is a damaged store.
      this.log.error({ err, doc: this.name }, 'collab: the stored document does not apply to the live one');
      return;
    }
    this.integrate(effective);
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  /** Must run in the queue, after the shadow check produced `effective`: applies it to the live doc and relays it here. */
  private integrate(effective: Uint8Array | null): void {
    if (!effective) return;
    this.sizeEstimate += effective.byteLength;
    Y.applyUpdate(this.live, effective, REMOTE_ORIGIN);
    const frame = encodeUpdate(effective);
    for (const peer of this.peers) peer.send(frame);
  }

  /**
   * The store hook, after every queued update: merges what is STORED (the snapshot and every update
   * after it, read now) into one state and writes it as the snapshot covering the last of those
   * updates, if the stored snapshot is still the one merged from (compare-and-set). Another
   * process's compaction may come first; then this one reads again (a few times). The live doc is
   * never written: it may lack what another process stored since this one loaded (DESIGN rule 9);
   * instead it takes in the merged state. Failures are logged and retried by the next write or the
   * next release.
   */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      this.compaction.cancel();
      if (this.unsaved === 0 || this.destroyed) return;
      try {
        const result = await compactStored(this.hooks, this.name);
        if (result.state) this.absorb(result.state, result.seq);
        if (!result.done) {
          this.log.warn(
            { doc: this.name },
            'collab: compaction kept losing to other processes; the next write retries',
          );
          return;
        }
        // Every update this process stored is covered: its appends wait behind this task.
        this.unsaved = 0;
        if (result.state) this.sizeEstimate = result.state.byteLength;
      } catch (err) {
        this.log.error({ err, doc: this.name }, 'collab: compaction failed');
      }
    });
  }

  /** Applies awareness entries of an editing connection (read-only ones publish none). */
  applyAwareness(peer: DocPeer, entries: AwarenessEntry[]): void {
    this.presence.apply(peer, entries);
  }

  /** Every awareness state known, answering a query-awareness message. */
  awarenessFrame(): Uint8Array {
    return this.presence.frame();
  }

  /** Removes a connection's cursor (it left, or lost edit access). */
  dropAwarenessOf(peer: DocPeer, why: string): void {
    this.presence.drop(peer, why);
  }

  /** Frees the Yjs state; the registry calls it after the last compaction. */
  destroy(): void {
    this.destroyed = true;
    this.compaction.cancel();
    this.presence.destroy();
    this.shadow.destroy();
    this.live.destroy();
  }
}
