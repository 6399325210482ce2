/**
 * The loaded documents of this process. A document is loaded once however many connections and
 * HTTP operations use it, compacted when the last of them lets go, and dropped from memory after
 * an idle delay. One registry per running Parley (per `deps`), shared by the WebSocket server and
 * the HTTP routes (versions, restores), so both go through the same document and the same queue.
 * With a relay between processes (relay.ts), a document is subscribed to before it is loaded and
 * unsubscribed from when it is unloaded.
 */
import type { Logger } from 'pino';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import type { DebateRecord } from '../store/collab-store.js';
import { CollabDocument } from './document.js';
import { parseDocName, type DocRef } from '../../shared/doc-names.js';
import { defaultHooks, type CollabHooks } from './hooks.js';
import { DEFAULT_COLLAB_OPTIONS, type CollabOptions } from './options.js';
import { localDocRelay, type DocRelay, type RelayMessage, type RelaySubscription } from './relay.js';
import { localTickets } from './tickets.js';
import type { Sanction } from '../../shared/types.js';

interface Entry {
  loading: Promise<CollabDocument>;
  doc: CollabDocument | null;
  /** References held by connections and HTTP operations, counted from before the load finishes. */
  refs: number;
  unloadTimer: NodeJS.Timeout | null;
  /** The relay's subscription to the document, taken before the load. */
  subscription: RelaySubscription | null;
}

export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private closed = false;
  private readonly stopResume: () => void;

  constructor(
    readonly hooks: CollabHooks,
    readonly options: CollabOptions,
    private readonly log: Logger,
    readonly relay: DocRelay = localDocRelay(),
  ) {
    // The relay reconnected and may have missed messages: every loaded document reads the store again.
    this.stopResume = relay.onResume(() => {
      for (const entry of this.entries.values()) void entry.doc?.catchUp();
    });
  }

  /**
   * Takes a reference to the document, loading it if needed. The entry is made before the store
   * is read, so concurrent openers share one load; with a relay between processes the
   * subscription is taken first, before the load, so no update falls between the two.
   */
  async acquire(docName: string): Promise<CollabDocument> {
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', 'The server is stopping.');
    const ref = parseDocName(docName);
    if (!ref) throw new AppError('BAD_REQUEST', 'Malformed document name.');
    let entry = this.entries.get(docName);
    if (!entry) {
      const opening = this.open(ref);
      const created: Entry = {
        loading: opening.then((opened) => opened.doc),
        doc: null,
        refs: 0,
        unloadTimer: null,
        subscription: null,
      };
      opening.then(
        (opened) => {
          created.doc = opened.doc;
          created.subscription = opened.subscription;
        },
        () => {
          if (this.entries.get(docName) === created) this.entries.delete(docName);
        },
      );
      this.entries.set(docName, created);
      entry = created;
    }
    // Counted before the await, so an unload that is writing its last snapshot sees the newcomer.
    entry.refs++;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
    try {
      return await entry.loading;
    } catch (err) {
      entry.refs--;
      throw err;
    }
  }

  /**
   * Subscribes, then loads. Messages that arrive during the load are kept and given to the
   * document after it (whatever of them the load already read changes nothing: Yjs updates are
   * idempotent). Then the other processes are asked for their editors' awareness.
   */
  private async open(ref: DocRef): Promise<{ doc: CollabDocument; subscription: RelaySubscription }> {
    const early: RelayMessage[] = [];
    let doc: CollabDocument | null = null;
    const subscription = await this.relay.subscribe(ref.name, (message) => {
      if (doc) doc.receive(message);
      else early.push(message);
    });
    let loaded: CollabDocument;
    try {
      loaded = await CollabDocument.load(ref, this.hooks, this.options, this.log, this.relay);
    } catch (err) {
      await subscription.close();
      throw err;
    }
    doc = loaded;
    for (const message of early) loaded.receive(message);
    loaded.announce();
    return { doc: loaded, subscription };
  }

  /** Lets go of a reference; at zero the document is compacted now and unloaded after the idle delay. */
  release(doc: CollabDocument): void {
    const entry = this.entries.get(doc.name);
    if (!entry || entry.doc !== doc) return;
    entry.refs--;
    if (entry.refs > 0) return;
    void doc.compact();
    if (this.closed) return;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => void this.unload(doc.name, entry), this.options.unloadAfterMs);
    entry.unloadTimer.unref();
  }

  /** Runs `work` with the document held, loading it if needed. */
  async use<T>(docName: string, work: (doc: CollabDocument) => Promise<T>): Promise<T> {
    const doc = await this.acquire(docName);
    try {
      return await work(doc);
    } finally {
      this.release(doc);
    }
  }

  /** After a roster change: every open connection to the debate's documents re-checks its access. */
  refreshDebateAccess(debate: DebateRecord): void {
    for (const entry of this.entries.values()) {
      if (entry.doc?.ref.debateId !== debate.id) continue;
      for (const peer of [...entry.doc.peers]) peer.refreshAccess(debate);
    }
  }

  /** A sanction was given or lifted: every connection of its user, on every document here, applies it. */
  sanctionChanged(sanction: Sanction): void {
    for (const entry of this.entries.values())
      for (const peer of [...(entry.doc?.peers ?? [])]) peer.sanctionChanged(sanction);
  }

  /** Names of the documents in memory (for tests and diagnostics). */
  loadedNames(): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.doc !== null).map(([name]) => name);
  }

  private async unload(docName: string, entry: Entry): Promise<void> {
    const doc = entry.doc;
    if (!doc || entry.refs > 0 || this.entries.get(docName) !== entry) return;
    await doc.compact();
    // Someone may have opened it while the snapshot was written.
    if (entry.refs > 0 || this.entries.get(docName) !== entry) return;
    this.entries.delete(docName);
    await this.drop(entry, doc);
  }

  private async drop(entry: Entry, doc: CollabDocument): Promise<void> {
    doc.destroy();
    await entry.subscription?.close();
    entry.subscription = null;
  }

  /** Compacts every document after its queued work and frees them all; later acquires are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopResume();
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
        const doc = await entry.loading.catch(() => null);
        if (!doc) return;
        await doc.compact();
        await this.drop(entry, doc);
      }),
    );
  }
}

const registries = new WeakMap<Deps, DocumentRegistry>();

/**
 * The registry of a running Parley. startCollab makes it (with its options and hooks); the HTTP
 * routes look it up per request. Kept beside `deps` rather than in it so the collab server stays
 * an add-on to the wiring (server/parley.ts). Without a started collab server (an app built
 * alone, in a test) a registry with the default hooks and options is made on first use.
 */
export function documentsOf(deps: Deps): DocumentRegistry {
  let registry = registries.get(deps);
  if (!registry) {
    registry = new DocumentRegistry(defaultHooks(deps, localTickets()), DEFAULT_COLLAB_OPTIONS, deps.log);
    registries.set(deps, registry);
  }
  return registry;
}

export function setDocumentsOf(deps: Deps, registry: DocumentRegistry): void {
  registries.set(deps, registry);
}
