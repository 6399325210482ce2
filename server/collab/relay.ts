/**
 * The relay between processes (DESIGN rule 8): several Parley processes that share a store act as
 * one document server. What one process accepted and stored reaches the others, which apply it to
 * their copy of the document and relay it to their own connections. Without REDIS_URL the relay is
 * local (one process, nothing to tell anyone); with it, relay-redis.ts publishes on Redis.
 *
 * The relay only speeds things up: the store stays the source of truth. Every update is stored
 * before it is published, a process subscribes to a document before it loads it, and a process
 * that may have missed messages (the relay reconnected, or an update arrived that depends on one
 * it never got) catches up from the store.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type RelayMessage =
  /** An update another process accepted; stored (with `seq`) before it was published. */
  | { type: 'update'; seq: number; update: Uint8Array }
  /** An awareness update (y-protocols format) of the sender's editors, already checked and stamped there. */
  | { type: 'awareness'; update: Uint8Array }
  /** A process loaded the document: every other one answers with the awareness of its own connections. */
  | { type: 'awareness-query' }
  /** The sender may have failed to publish something: read the document from the store again. */
  | { type: 'resync' };

export type RelayListener = (message: RelayMessage) => void;

/** Yjs and awareness origin of what came from elsewhere: another process, or the store when catching up. */
export const REMOTE_ORIGIN = Symbol('remote');

export interface RelaySubscription {
  close(): Promise<void>;
}

export interface DocRelay {
  readonly kind: 'local' | 'redis';
  /**
   * Listens to what the other processes publish about one document. Resolves once the
   * subscription is in place, so every message published after that is delivered; rejects if it
   * cannot be set up (the document is then not loaded). A process never hears its own messages.
   */
  subscribe(docName: string, listener: RelayListener): Promise<RelaySubscription>;
  /** Tells every other process that has the document loaded. Never throws; a failure is handled by the relay. */
  publish(docName: string, message: RelayMessage): void;
  /**
   * `listener` runs whenever messages may have been missed (the relay reconnected): the loaded
   * documents then catch up from the store. Answers a function that removes the listener.
   */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
}

/** One process alone: nobody to tell, nothing to hear. */
export function localDocRelay(): DocRelay {
  return {
    kind: 'local',
    subscribe: async () => ({ close: async () => undefined }),
    publish: () => undefined,
    onResume: () => () => undefined,
    close: async () => undefined,
  };
}

const TYPES = ['update', 'awareness', 'awareness-query', 'resync'] as const;

/** The wire form of a relay message: type, sender, then the type's fields (lib0 encoding). */
export function encodeRelayMessage(sender: string, message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, TYPES.indexOf(message.type));
  encoding.writeVarString(encoder, sender);
  if (message.type === 'update') {
    encoding.writeVarUint(encoder, message.seq);
    encoding.writeVarUint8Array(encoder, message.update);
  } else if (message.type === 'awareness') {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads a relay message; null for anything malformed. */
export function decodeRelayMessage(bytes: Uint8Array): { sender: string; message: RelayMessage } | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = TYPES[decoding.readVarUint(decoder)];
    const sender = decoding.readVarString(decoder);
    let message: RelayMessage;
    switch (type) {
      case 'update':
        message = { type, seq: decoding.readVarUint(decoder), update: decoding.readVarUint8Array(decoder) };
        break;
      case 'awareness':
        message = { type, update: decoding.readVarUint8Array(decoder) };
        break;
      case 'awareness-query':
      case 'resync':
        message = { type };
        break;
      default:
        return null;
    }
    return decoding.hasContent(decoder) ? null : { sender, message };
  } catch {
    return null;
  }
}
