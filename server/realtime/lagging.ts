/**
 * Readers that cannot keep up do not grow the server's memory. A socket whose unsent output (bytes
 * the kernel has not taken, plus packets socket.io holds while the transport is busy) passes
 * `maxBufferedBytes` stops receiving its articles' live changes: it leaves their rooms. Once it has
 * drained to a quarter of that, it is told `article:resync` for each article, and the client joins
 * again and syncs from its last seq (client/src/realtime/live-thread.ts), so it ends exact.
 * A socket that never drains stops answering pings and is closed by socket.io's ping timeout.
 */
import type { Logger } from 'pino';
import { articleRoom, moderatorRoom, type ParleyServer, type ParleySocket } from './types.js';

/** How often sockets are looked at. */
const SWEEP_MS = 250;

/** The bytes a socket has been given to send and has not sent. */
export function unsentBytes(socket: ParleySocket, atLeast = Infinity): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: Array<{ data?: unknown }>;
    transport?: { writable?: boolean; socket?: { bufferedAmount?: number } };
  };
  // The common case, first and cheaply (the sweep asks it of every socket several times a second):
  // a transport that is writable has handed all it was given to the kernel, and no packet waits.
  if (conn.transport?.writable === true && conn.writeBuffer?.length === 0) return 0;
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    if (bytes > atLeast) break;
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return bytes;
}

export interface LagWatch {
  /** Sockets held out of their rooms now. */
  lagging(): number;
  stop(): void;
}

export function watchLaggingReaders(
  io: ParleyServer,
  log: Logger,
  options: { maxBufferedBytes: number; sweepMs?: number },
): LagWatch {
  const { maxBufferedBytes } = options;
  const held = new Set<string>();

  const sockets = io.of('/').sockets;
  const sweep = () => {
    for (const socket of sockets.values()) {
      const articles = socket.data.articles;
      if (held.size > 0 && held.has(socket.id)) {
        if (unsentBytes(socket, maxBufferedBytes) > maxBufferedBytes / 4) continue;
        held.delete(socket.id);
        for (const articleId of articles) socket.emit('article:resync', { articleId });
        log.info({ socket: socket.id }, 'a lagging reader caught up; asked to resync');
        continue;
      }
      if (articles.length === 0 || unsentBytes(socket, maxBufferedBytes) <= maxBufferedBytes) continue;
      held.add(socket.id);
      for (const articleId of articles) {
        void socket.leave(articleRoom(articleId));
        void socket.leave(moderatorRoom(articleId));
      }
      log.info({ socket: socket.id, maxBufferedBytes }, 'a reader cannot keep up; holding its live changes');
    }
    // Forget sockets that went away while held.
    for (const id of held) if (!sockets.has(id)) held.delete(id);
  };

  const timer = setInterval(sweep, options.sweepMs ?? SWEEP_MS);
  timer.unref();
  return {
    lagging: () => held.size,
    stop: () => clearInterval(timer),
  };
}
