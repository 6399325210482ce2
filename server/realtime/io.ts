/**
 * socket.io on the HTTP server's port: handshake auth, connection-state recovery (missed packets are
 * replayed after a short drop; the seq sync covers everything else), message size limits, the
 * event handlers and the broadcasts. With several processes (REDIS_URL) the Redis streams adapter
 * joins them (cluster.ts).
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Bus } from '../bus/bus.js';
import type { Deps } from '../domain/deps.js';
import { articleRequests, trackPresence } from './article-events.js';
import { socketAuth } from './auth.js';
import { startBroadcasts } from './broadcast.js';
import { clusterAdapter, joinCluster, presenceCluster, type RealtimeCluster } from './cluster.js';
import { startDebateBroadcasts } from './debate/broadcast.js';
import { debateRequests } from './debate/requests.js';
import { commentRequests } from './comment-events.js';
import { moderationRequests } from './moderation-events.js';
import { serveRequests, type RequestHandlers } from './requests.js';
import { createPresence } from './presence.js';
import { userRoom, type ParleyServer } from './types.js';

/** Largest socket message: a 10,000-character comment in 4-byte characters, with room for the envelope. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long a dropped connection can come back to its session. */
export const RECOVERY_MS = 2 * 60_000;

export interface Realtime {
  io: ParleyServer;
  /** Resolves once no request is being handled, or after `maxMs` (graceful stop). */
  drain(maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

type LooseHandler = { guard?: (ctx: never) => Promise<void>; run: (input: never, ctx: never) => Promise<unknown> };

/**
 * The same handlers, counting the requests being run (their answer not yet sent). With several
 * processes a request is answered once its broadcasts are in the shared stream (`flushed`), so what
 * a client does after the answer comes after it for everyone.
 */
function counted(
  handlers: RequestHandlers,
  inFlight: { n: number },
  flushed: () => Promise<void> = async () => undefined,
): RequestHandlers {
  const out: Record<string, LooseHandler> = {};
  for (const [event, handler] of Object.entries(handlers)) {
    const h = (typeof handler === 'function' ? { run: handler } : handler) as LooseHandler;
    out[event] = {
      ...h,
      run: async (input, ctx) => {
        inFlight.n += 1;
        try {
          const result = await h.run(input, ctx);
          await flushed();
          return result;
        } finally {
          inFlight.n -= 1;
        }
      },
    };
  }
  return out as unknown as RequestHandlers;
}

export function startRealtime(
  httpServer: HttpServer,
  deps: Deps,
  bus: Bus,
  cluster: RealtimeCluster | null = null,
): Realtime {
  const adapter = cluster ? clusterAdapter(cluster) : null;
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: true },
    serveClient: false,
    ...(adapter ? { adapter: adapter.factory } : {}),
  });
  const presence = createPresence(io, cluster ? presenceCluster(deps, cluster) : null);
  const broadcasts = startBroadcasts(deps, io, bus, { clustered: cluster !== null, recoveryWindowMs: RECOVERY_MS });
  const stopDebateBroadcasts = startDebateBroadcasts(deps, io, bus);
  const leaveCluster = cluster ? joinCluster(deps, io, cluster, presence) : () => undefined;

  // One table for every connection: the type check holds it to shared/events.ts, event for event.
  const inFlight = { n: 0 };
  const handlers = counted(
    {
      ...articleRequests(deps, presence),
      ...commentRequests(deps),
      ...moderationRequests(deps),
      ...debateRequests(deps),
    },
    inFlight,
    adapter ? () => adapter.flushed() : undefined,
  );

  io.use(socketAuth(deps));
  io.on('connection', (socket) => {
    serveRequests(deps, socket, handlers);
    trackPresence(socket, presence);
    if (socket.recovered) broadcasts.recovered(socket.data.articles);
    // A user's own connections share a room: their hidden comments and sanctions reach them there.
    if (socket.data.userId) void socket.join(userRoom(socket.data.userId));
  });

  return {
    io,
    async drain(maxMs = 5000) {
      const until = Date.now() + maxMs;
      while (inFlight.n > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      leaveCluster();
      broadcasts.stop();
      stopDebateBroadcasts();
      await presence.close();
      // Alone, the connections are told the server is going. In a cluster they are closed as
      // "server shutting down": socket.io keeps each session in Redis, the clients reconnect by
      // themselves, reach another process and are recovered there.
      if (!cluster) io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
