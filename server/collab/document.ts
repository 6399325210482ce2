/**
 * One loaded collaborative document: its Yjs state, the connections that have it open, their
 * awareness, and the change pipeline. The edits of one relay tick (batch.ts) go together, one tick
 * at a time per document:
 *   check each on the shadow copy -> size limit -> merge what they changed -> persist it as ONE
 *   update (hooks.change: group commit) -> apply to the live doc -> relay it as ONE message to
 *   this process's connections -> publish it to the other processes (relay.ts).
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
import type { Sanction } from '../../shared/types.js';
import type { AwarenessEntry } from './awareness.js';
import { authorOf, soleOrigin, TickBatch, type SubmittedUpdate } from './batch.js';
import { applyStored, CompactionTimer, compactStored, lastSeqOf, mergeStored } from './compaction.js';
import { DocAwareness } from './doc-awareness.js';
import type { DocRef } from '../../shared/doc-names.js';
import type { CollabHooks } from './hooks.js';
import type { CollabOptions } from './options.js';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';
import { localDocRelay, REMOTE_ORIGIN, type DocRelay, type RelayMessage } from './relay.js';
import { Shadow } from './shadow.js';
import { TickCheck } from './tick-check.js';

/** What a document needs of a connection. */
export interface DocPeer {
  readonly actor: Actor | null;
  readonly canEdit: boolean;
  /** False once the server closed it for a fault: updates it queued before are dropped. */
  readonly trusted: boolean;
  send(frame: Uint8Array): void;
  /** Re-checks the peer's access after the debate roster changed. */
  refreshAccess(debate: DebateRecord): void;
  /** A sanction of some user was given or lifted: the peer applies it if it is theirs. */
  sanctionChanged(sanction: Sanction): void;
}

/** Origin of changes no single connection made: restores, and ticks that hold several connections' edits. */
export const SERVER_ORIGIN = Symbol('server');

export class CollabDocument {
  readonly peers = new Set<DocPeer>();
  /** Highest seq of the updates the live doc holds (for diagnostics: with several processes there may be gaps below it). */
  lastSeq: number;
  /** Updates this process persisted (or found in the log when it loaded) since its last compaction. */
  private unsaved: number;
  /** The live doc plus the edits being checked (shadow.ts). */
  private readonly shadow: Shadow;
  /** Checks a tick's edits on the shadow, with the size limits; keeps the size estimate. */
  private readonly checker: TickCheck;
  /** Edits that wait for their relay tick. */
  private readonly batch: TickBatch;
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
    this.checker = new TickCheck(this.shadow, options);
    this.batch = new TickBatch(options.relayTickMs, () => void this.enqueue(() => this.flushBatch()));
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
    applyStored(live, stored);
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

  /** Queues the edits waiting for their tick now, ahead of a task that must see them (a version, a restore, a compaction). */
  private flushWaiting(): void {
    if (!this.batch.pending) return;
    this.batch.cancel();
    void this.enqueue(() => this.flushBatch());
  }

  /** Resolves when every task queued so far, and every edit received so far, has finished. */
  idle(): Promise<void> {
    this.flushWaiting();
    return this.enqueue(async () => undefined);
  }

  /**
   * The whole document as an update, after every queued task and after taking in what the store
   * has that this copy lacks (edits accepted by another process): what a version saves. Rejects
   * with the store's error.
   */
  current(): Promise<Uint8Array> {
    this.flushWaiting();
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
   * A client's update, to go out with the others of its relay tick. Resolves with the seq of the
   * stored update that holds it once that is durable, applied and relayed, or with null if it
   * changed nothing (nothing is stored for it then) or its connection was closed for a fault
   * before its tick. Rejects with AppError MALFORMED_MESSAGE, UPDATE_TOO_LARGE or
   * DOCUMENT_TOO_LARGE, or with the store's error; nothing of it is applied then.
   */
  submit(update: Uint8Array, userId: string | null, origin: DocPeer | null): Promise<number | null> {
    if (this.destroyed) return Promise.resolve(null);
    return this.batch.submit(update, userId, origin);
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
    this.flushWaiting();
    return this.enqueue(async () => {
      await this.catchUpNow();
      return task(this.live, (update, userId) => this.applyNow(update, userId));
    });
  }

  /** A server-made update (a restore), from inside the queue: stored and relayed alone, at once. */
  private applyNow(update: Uint8Array, userId: string | null): Promise<number | null> {
    return new Promise((resolve, reject) => void this.commit([{ update, userId, origin: null, resolve, reject }]));
  }

  /** The queued task of a relay tick: every edit that arrived since the last one. */
  private async flushBatch(): Promise<void> {
    const updates = this.batch.take();
    if (this.destroyed) for (const u of updates) u.resolve(null);
    else if (updates.length > 0) await this.commit(updates);
  }

  /**
   * Must run in the queue. Checks the edits of one tick on the shadow (tick-check.ts: a bad one is
   * refused alone), stores what the accepted ones change, merged, as ONE update (group commit), and
   * only then applies it to the live doc and relays it, as ONE message encoded once, to this
   * process's connections and to the other processes. Settles every edit; never rejects.
   */
  private async commit(updates: SubmittedUpdate[]): Promise<void> {
    try {
      const { accepted, change } = this.checker.run(updates);
      if (!change) {
        for (const u of accepted) u.resolve(null);
        return;
      }
      let seq: number;
      try {
        seq = await this.hooks.change(this.name, change, authorOf(accepted));
      } catch (err) {
        // Not stored, so not applied: the shadow goes back to the live state, the senders are
        // closed (1011) and their providers send the edits again when they reconnect.
        this.shadow.discard();
        this.checker.forget(change);
        for (const u of accepted) u.reject(err);
        return;
      }
      // Durable now: apply and relay in one synchronous step, so a connection joining at any point
      // gets the update either in its sync step 2 or as a relay, never both missing.
      this.lastSeq = Math.max(this.lastSeq, seq);
      this.unsaved++;
      const only = soleOrigin(accepted);
      Y.applyUpdate(this.live, change, only ?? SERVER_ORIGIN);
      this.shadow.commit();
      const frame = encodeUpdate(change);
      for (const peer of this.peers) if (peer !== only) peer.send(frame);
      // Stored first, so a process that hears this and one that loads later agree.
      this.relay.publish(this.name, { type: 'update', seq, update: change });
      this.compaction.touch();
      for (const u of accepted) u.resolve(seq);
    } catch (err) {
      // A bug, not a refusal: nobody waits for ever (settling twice is a no-op).
      this.log.error({ err, doc: this.name }, 'collab: a relay tick failed');
      this.shadow.discard();
      for (const u of updates) u.reject(err);
    }
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
      effective = this.shadow.check([update]);
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
      effective = this.shadow.check([state]);
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
    this.checker.sizeEstimate += effective.byteLength;
    Y.applyUpdate(this.live, effective, REMOTE_ORIGIN);
    this.shadow.commit();
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
    this.flushWaiting();
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
        if (result.state) this.checker.sizeEstimate = result.state.byteLength;
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
    this.batch.cancel();
    // Not stored, never relayed: their senders' providers send them again to whoever loads next.
    for (const u of this.batch.take()) u.resolve(null);
    this.compaction.cancel();
    this.presence.destroy();
    this.shadow.destroy();
    this.live.destroy();
  }
}
