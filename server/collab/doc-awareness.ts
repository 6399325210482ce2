/**
 * The awareness of one loaded document (cursors, selections, names): who speaks for which client
 * id, relaying to this process's connections, and crossing to the other processes (relay.ts).
 * Reading and stamping single states is awareness.ts; this is the bookkeeping around them:
 * - a connection claims one client id, the first it announces; echoes of others are dropped;
 * - client ids announced by another process are that process's: no connection here may claim them,
 *   and what arrives for an id a connection here speaks for is dropped;
 * - every change goes to this process's connections (not back to its origin) and, unless it came
 *   from another process or is a timeout each process sees by itself, to the other processes;
 * - a process that loads the document asks the others for their editors' states (they answer at
 *   once instead of at each client's next 15 s renewal); a dead process's states time out (30 s).
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { decodeAwarenessUpdate, encodeAwarenessEntries, stampIdentity, type AwarenessEntry } from './awareness.js';
import type { DocPeer } from './document.js';
import { encodeAwareness } from './protocol.js';
import { REMOTE_ORIGIN } from './relay.js';

export class DocAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, DocPeer>();
  private readonly claims = new Map<DocPeer, number>();
  /** Client ids whose awareness comes from other processes. */
  private readonly remoteClients = new Set<number>();

  constructor(
    live: Y.Doc,
    private readonly peers: ReadonlySet<DocPeer>,
    /** Sends an awareness update to the other processes. */
    private readonly publish: (update: Uint8Array) => void,
    private readonly log: Logger,
  ) {
    this.awareness = new awarenessProtocol.Awareness(live);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** The frame a joining connection gets: every state known, or null when there is none. */
  joinFrame(): Uint8Array | null {
    const states = [...this.awareness.getStates().keys()];
    return states.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)) : null;
  }

  /** Every awareness state known, answering a query-awareness message. */
  frame(): Uint8Array {
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    );
  }

  /** Applies awareness entries of an editing connection (read-only ones publish none). */
  apply(peer: DocPeer, entries: AwarenessEntry[]): void {
    if (!peer.canEdit || !peer.actor) return;
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      // An echo of an editor connected to another process.
      if (this.remoteClients.has(entry.clientId)) continue;
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

  /** Removes a connection's cursor (it left, or lost edit access). */
  drop(peer: DocPeer, why: string): void {
    const clientId = this.claims.get(peer);
    if (clientId === undefined) return;
    this.claims.delete(peer);
    this.owners.delete(clientId);
    awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], why);
  }

  /**
   * Awareness from another process: its editors, checked and stamped there. Entries for client ids
   * a connection of this process speaks for are dropped (a client that moved here from there, whose
   * old connection's removal arrives late).
   */
  receive(update: Uint8Array): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update).filter((e) => !this.owners.has(e.clientId));
    } catch {
      this.log.warn('collab: unreadable relayed awareness dropped');
      return;
    }
    if (entries.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), REMOTE_ORIGIN);
  }

  /** Another process loaded the document: it learns the states of this process's editors. */
  answerQuery(): void {
    const states = this.awareness.getStates();
    const mine = [...this.owners.keys()].filter((clientId) => states.has(clientId));
    if (mine.length > 0) this.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, mine));
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === REMOTE_ORIGIN) {
      for (const clientId of [...change.added, ...change.updated]) this.remoteClients.add(clientId);
    }
    for (const clientId of change.removed) this.remoteClients.delete(clientId);
    const clients = [...change.added, ...change.updated, ...change.removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
    const frame = encodeAwareness(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout') this.publish(update);
  };
}
