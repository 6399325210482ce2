/**
 * Limits and timings of the collaborative document server. The defaults serve the embedded mode;
 * tests pass smaller timings. (They are not environment settings yet: server/config/schema.ts is
 * the place if an operator ever needs to change them.)
 */
export interface CollabOptions {
  /** Largest Yjs update (or sync step 2) one message may carry; larger closes with 4009. */
  maxUpdateBytes: number;
  /** Largest encoded document; an update that would grow it past this closes with 4013. */
  maxDocBytes: number;
  /** Largest awareness message; larger closes with 4009. */
  maxAwarenessBytes: number;
  /** Refused writes a read-only connection may attempt before it is closed with 4003. */
  maxReadOnlyWrites: number;
  /** Messages a connection may have waiting (before it is ready, or queued for the store); more closes with 4029. */
  maxQueuedMessages: number;
  /** Compaction runs this long after the last write ... */
  compactDebounceMs: number;
  /** ... but no later than this after the first write it would cover. */
  compactMaxWaitMs: number;
  /** A document nobody uses is dropped from memory after this long. */
  unloadAfterMs: number;
  /** Every connection hears something this often (an empty awareness message), so the provider's 30 s silence watchdog never fires. */
  keepaliveMs: number;
}

export const DEFAULT_COLLAB_OPTIONS: CollabOptions = {
  maxUpdateBytes: 256 * 1024,
  maxDocBytes: 2 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxReadOnlyWrites: 5,
  maxQueuedMessages: 256,
  compactDebounceMs: 2_000,
  compactMaxWaitMs: 10_000,
  unloadAfterMs: 30_000,
  keepaliveMs: 15_000,
};

/**
 * Frames larger than this are cut by the WebSocket layer itself (close 1009) before they are
 * read into memory; between the limits above and this one the server reads the frame and closes
 * with its own code (4009), so a client learns which limit it hit.
 */
export const maxFrameBytes = (o: CollabOptions): number => 2 * Math.max(o.maxUpdateBytes, o.maxAwarenessBytes) + 1024;
