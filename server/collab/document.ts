/**
 * One loaded collaborative document: its Yjs state, the connections that have it open, their
 * awareness, and the change pipeline. Every accepted update goes, one at a time per document:
 *   check on the shadow copy -> size limit -> persist (hooks.change) -> apply to the live doc -> relay.
 * The live doc therefore only ever holds persisted updates, and everything a client hears from the
 * server (sync step 2, relayed updates) is durable: once a second client has an update, a crash
 * cannot lose it.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { DebateRecord } from '../store/collab-store.js';
import { stampIdentity, encodeAwarenessEntries, type AwarenessEntry } from './awareness.js';
import { CompactionTimer } from './compaction.js';
import type { DocRef } from '../../shared/doc-names.js';
import type { CollabHooks } from './hooks.js';
import type { CollabOptions } from './options.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.js';

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
  /** Seq of the last update applied to the live doc. */
  lastSeq: number;
  /** Updates persisted since the last snapshot. */
  private unsaved: number;
  /** Encoded size of the live doc, exact after load and compaction, an upper bound in between. */
  private sizeEstimate: number;
  /** The live doc plus the update being checked; rebuilt from the live doc when a check fails. */
  private shadow: Y.Doc;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly owners = new Map<number, DocPeer>();
  private readonly claims = new Map<DocPeer, number>();
  private readonly compaction: CompactionTimer;

  private constructor(
    readonly ref: DocRef,
    readonly live: Y.Doc,
    readonly awareness: awarenessProtocol.Awareness,
    private readonly hooks: CollabHooks,
    private readonly options: CollabOptions,
    private readonly log: Logger,
    loaded: { lastSeq: number; pending: number },
  ) {
    this.lastSeq = loaded.lastSeq;
    this.unsaved = loaded.pending;
    const state = Y.encodeStateAsUpdate(live);
    this.sizeEstimate = state.byteLength;
    this.shadow = new Y.Doc();
    Y.applyUpdate(this.shadow, state);
    this.compaction = new CompactionTimer(
      () => void this.compact(),
      options.compactDebounceMs,
      options.compactMaxWaitMs,
    );
    awareness.setLocalState(null);
    awareness.on('update', this.relayAwareness);
  }

  get name(): string {
    return this.ref.name;
  }

  /** The load hook: snapshot, then every later update, in seq order. A stored update that fails to apply fails the load. */
  static async load(ref: DocRef, hooks: CollabHooks, options: CollabOptions, log: Logger): Promise<CollabDocument> {
    const stored = await hooks.load(ref.name);
    const live = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(live, stored.snapshot);
    for (const { update } of stored.updates) Y.applyUpdate(live, update);
    const lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
    return new CollabDocument(ref, live, new awarenessProtocol.Awareness(live), hooks, options, log, {
      lastSeq,
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

  /** A new connection: our state vector (so it sends what we lack) and the awareness of the others. */
  join(peer: DocPeer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.live));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
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
   * no edit in between). Server-made updates may be as large as the document limit.
   */
  exclusive<T>(
    task: (live: Y.Doc, apply: (update: Uint8Array, userId: string | null) => Promise<number | null>) => Promise<T>,
  ): Promise<T> {
    return this.enqueue(() => task(this.live, (update, userId) => this.accept(update, userId, null)));
  }

  private async accept(update: Uint8Array, userId: string | null, origin: DocPeer | null): Promise<number | null> {
    const limit = origin ? this.options.maxUpdateBytes : this.options.maxDocBytes;
    if (update.byteLength > limit) throw new AppError('UPDATE_TOO_LARGE');
    if (origin && !origin.trusted) return null;
    const effective = this.checkOnShadow(update);
    if (!effective) return null;
    if (this.sizeEstimate + effective.byteLength > this.options.maxDocBytes) {
      const exact = Y.encodeStateAsUpdate(this.shadow).byteLength;
      if (exact > this.options.maxDocBytes) {
        this.rebuildShadow();
        throw new AppError('DOCUMENT_TOO_LARGE');
      }
      this.sizeEstimate = exact - effective.byteLength;
    }
    let seq: number;
    try {
      seq = await this.hooks.change(this.name, effective, userId);
    } catch (err) {
      // Not stored, so not applied: the shadow goes back to the live state.
      this.rebuildShadow();
      throw err;
    }
    // Durable now: apply and relay in one synchronous step, so a connection joining at any point
    // gets the update either in its sync step 2 or as a relay, never both missing.
    this.lastSeq = seq;
    this.unsaved++;
    this.sizeEstimate += effective.byteLength;
    Y.applyUpdate(this.live, effective, origin ?? SERVER_ORIGIN);
    const frame = encodeUpdate(effective);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    this.compaction.touch();
    return seq;
  }

  /**
   * Applies `update` to the shadow copy and returns what it changed there (the update the shadow
   * emitted: only new structs and deletions, in canonical form), or null for a no-op. An update
   * that throws, or that leaves structs or deletions waiting for changes the server does not have,
   * is MALFORMED_MESSAGE: the server has every change any client can have seen (it persists before
   * it relays), so such an update is a bug or an attack, and storing it would grow the log with
   * content nobody can see.
   */
  private checkOnShadow(update: Uint8Array): Uint8Array | null {
    const emitted: Uint8Array[] = [];
    const capture = (u: Uint8Array) => emitted.push(u);
    this.shadow.on('update', capture);
    try {
      Y.applyUpdate(this.shadow, update);
    } catch {
      this.rebuildShadow();
      throw new AppError('MALFORMED_MESSAGE', 'The update could not be applied.');
    } finally {
      this.shadow.off('update', capture);
    }
    if (this.shadow.store.pendingStructs !== null || this.shadow.store.pendingDs !== null) {
      this.rebuildShadow();
      throw new AppError('MALFORMED_MESSAGE', 'The update depends on changes the server does not have.');
    }
    if (emitted.length === 0) return null;
    return emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
  }

  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = new Y.Doc();
    Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.live));
  }

  /**
   * The store hook: writes the live state as the snapshot covering lastSeq, after every queued
   * update. Failures are logged and retried by the next write or the next release.
   */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      this.compaction.cancel();
      if (this.unsaved === 0) return;
      const pending = this.unsaved;
      const state = Y.encodeStateAsUpdate(this.live);
      try {
        await this.hooks.store(this.name, state, this.lastSeq);
        this.unsaved -= pending;
        this.sizeEstimate = state.byteLength;
      } catch (err) {
        this.log.error({ err, doc: this.name }, 'collab: compaction failed');
      }
    });
  }

  /** Applies awareness entries of an editing connection (read-only ones publish none). */
  applyAwareness(peer: DocPeer, entries: AwarenessEntry[]): void {
    if (!peer.canEdit || !peer.actor) return;
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner === undefined) {
        // A connection claims one client id, the first it speaks for; echoes of others are dropped.
        if (this.claims.has(peer)) continue;
        this.owners.set(entry.clientId, peer);
        this.claims.set(peer, entry.clientId);
      } else if (owner !== peer) continue;
      accepted.push({ ...entry, state: stampIdentity(entry.state, peer.actor) });
    }
    if (accepted.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), peer);
  }

  /** Every awareness state known, answering a query-awareness message. */
  awarenessFrame(): Uint8Array {
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    );
  }

  /** Removes a connection's cursor (it left, or lost edit access). */
  dropAwarenessOf(peer: DocPeer, why: string): void {
    const clientId = this.claims.get(peer);
    if (clientId === undefined) return;
    this.claims.delete(peer);
    this.owners.delete(clientId);
    awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], why);
  }

  private readonly relayAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = [...change.added, ...change.updated, ...change.removed];
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  };

  /** Frees the Yjs state; the registry calls it after the last compaction. */
  destroy(): void {
    this.compaction.cancel();
    this.awareness.off('update', this.relayAwareness);
    this.awareness.destroy();
    this.shadow.destroy();
    this.live.destroy();
  }
}
