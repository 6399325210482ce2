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
  /**
   * Edits of one document that arrive within this long are stored as one update and relayed as one
   * message (batch.ts); an edit after a quiet tick goes out at once.
   */
  relayTickMs: number;
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
  // 25 ms. A remote edit that waits at most this long (about half of it on average) is far below
  // the delay people notice in someone else's typing and inside a WAN path's jitter, while a
  // document many people type into (50 editors at 5 keystrokes/s: one every 4 ms) relays about six
  // keystrokes per frame and per store write. Measured as bench/yjs.ts measures (50 editors, a
  // shared 2-core machine, runs varying a lot), Parley's server CPU against the y-websocket
  // server's: 0.56-0.80x at 20 ms, 0.52-0.70x at 25 ms, 0.62x at 30 ms. The per-tick cost (one
  // store write, one send per connection) is what remains, so 20 ms sat too close to the 0.8x goal
  // of issue 11; beyond 25 ms the gain flattens. A lone typist is never delayed: the tick is a
  // throttle (batch.ts).
  relayTickMs: 25,
};

/**
 * Frames larger than this are cut by the WebSocket layer itself (close 1009) before they are
 * read into memory; between the limits above and this one the server reads the frame and closes
 * with its own code (4009), so a client learns which limit it hit.
 */
export const maxFrameBytes = (o: CollabOptions): number => 2 * Math.max(o.maxUpdateBytes, o.maxAwarenessBytes) + 1024;
