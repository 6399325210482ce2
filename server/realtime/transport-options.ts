/**
 * The socket.io / engine.io options Parley's server runs with, in a file of their own (no other
 * Parley imports but the parser they name) so the bare socket.io baseline of the benchmarks
 * (bench/bare-socketio.ts) runs with exactly the same ones and a ratio compares like with like.
 */
import type { ServerOptions } from 'socket.io';
import { boundedParser, HANDSHAKE_MAX_BYTES, MAX_MESSAGE_BYTES } from './bounded-parser.js';

export { MAX_MESSAGE_BYTES };
/** How long a dropped connection can come back to its session. */
export const RECOVERY_MS = 2 * 60_000;

export const TRANSPORT_OPTIONS = {
  // Every read stays bounded by this; messages other than the handshake are held to
  // MAX_MESSAGE_BYTES by the parser, before they are parsed (bounded-parser.ts).
  maxHttpBufferSize: HANDSHAKE_MAX_BYTES,
  parser: boundedParser,
  connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: true },
  serveClient: false,
} satisfies Partial<ServerOptions>;
