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
import { createSnapshotCache } from '../domain/snapshot-cache.js';
import { articleRequests, trackPresence } from './article-events.js';
import { socketAuth } from './auth.js';
import { startBroadcasts } from './broadcast.js';
import { clusterAdapter, joinCluster, presenceCluster, type RealtimeCluster } from './cluster.js';
import { startDebateBroadcasts } from './debate/broadcast.js';
import { watchLaggingReaders } from './lagging.js';
import { debateRequests } from './debate/requests.js';
import { commentRequests } from './comment-events.js';
import { moderationRequests } from './moderation-events.js';
import { createRequestServer } from './requests.js';
import { createPresence } from './presence.js';
// The front page's live numbers (issue 14).
import { frontRequests } from './front-events.js';
import { startFrontPage } from './front-page.js';
// Notifications to all of a user's tabs (issue 15).
import { startNotificationBroadcasts } from './notifications.js';
import { RECOVERY_MS, TRANSPORT_OPTIONS } from './transport-options.js';
// Common ground: statements, votes and opinion groups (issue 16).
import { createAnalysisRunner } from '../domain/common-ground/analysis-runner.js';
import { createCommonGroundGroups } from '../domain/common-ground/groups.js';
import { groundRequests, startGroundBroadcasts } from './ground-events.js';
import { groundRoom } from './types.js';
import { userRoom, type ParleyServer } from './types.js';

export { RECOVERY_MS };

export interface Realtime {
  io: ParleyServer;
  /** Resolves once no request is being handled, or after `maxMs` (graceful stop). */
  drain(maxMs?: number): Promise<void>;
  /** Sockets held out of their rooms because they could not keep up (lagging.ts). */
  laggingReaders(): number;
  close(): Promise<void>;
}

export function startRealtime(
  httpServer: HttpServer,
  deps: Deps,
  bus: Bus,
  cluster: RealtimeCluster | null = null,
  options: { socketEventsPerSecond: number; laggingReaderBytes?: number },
): Realtime {
  const adapter = cluster ? clusterAdapter(cluster) : null;
  const io: ParleyServer = new Server(httpServer, {
    ...TRANSPORT_OPTIONS,
    ...(adapter ? { adapter: adapter.factory } : {}),
  });
  const presence = createPresence(io, cluster ? presenceCluster(deps, cluster) : null);
  // First pages kept between joins; one process only (snapshot-cache.ts says why).
  const snapshots = cluster ? null : createSnapshotCache(deps);
  const broadcasts = startBroadcasts(deps, io, bus, { clustered: cluster !== null, recoveryWindowMs: RECOVERY_MS });
  const debateBroadcasts = startDebateBroadcasts(deps, io, bus, { clustered: cluster !== null });
  const leaveCluster = cluster ? joinCluster(deps, io, cluster, presence) : () => undefined;
  const front = startFrontPage(deps, io, bus, presence, cluster?.link ?? null);
  const stopNotifications = startNotificationBroadcasts(io, bus);
  const groundGroups = createCommonGroundGroups(deps, bus, {
    runner: createAnalysisRunner(),
    isWatched: (key) => (io.sockets.adapter.rooms.get(groundRoom(key))?.size ?? 0) > 0,
  });
  // The debate report reads a debate's groups through deps (domain/debate/report.ts).
  deps.commonGround = groundGroups;
  const stopGround = startGroundBroadcasts(deps, io, bus, groundGroups);
  // Votes taken through other processes while Redis was away never reached this one: read again.
  const stopGroundReload = cluster ? cluster.link.onRecovered(() => groundGroups.reload()) : () => undefined;
  const lagWatch = watchLaggingReaders(io, deps.log, { maxBufferedBytes: options.laggingReaderBytes ?? 1_048_576 });

  // One table for every connection: the type check holds it to shared/events.ts, event for event.
  const requests = createRequestServer(
    deps,
    {
      ...articleRequests(deps, presence, snapshots),
      ...commentRequests(deps),
      ...moderationRequests(deps),
      ...debateRequests(deps),
      ...frontRequests(deps, front),
      ...groundRequests(deps, groundGroups),
    },
    {
      eventsPerSecond: options.socketEventsPerSecond,
      // With several processes, a request is answered once its changes are in the stream (cluster.ts).
      flushed: adapter
        ? async () => {
            await broadcasts.settled();
            await adapter.flushed();
          }
        : undefined,
    },
  );

  io.use(socketAuth(deps));
  io.on('connection', (socket) => {
    requests.serve(socket);
    trackPresence(socket, presence);
    if (socket.recovered) {
      broadcasts.recovered(socket.data.articles);
      debateBroadcasts.recovered(socket.rooms);
    }
    // A user's own connections share a room: their hidden comments and sanctions reach them there.
    if (socket.data.userId) void socket.join(userRoom(socket.data.userId));
  });

  return {
    io,
    laggingReaders: () => lagWatch.lagging(),
    async drain(maxMs = 5000) {
      const until = Date.now() + maxMs;
      while (requests.inFlight() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      leaveCluster();
      lagWatch.stop();
      broadcasts.stop();
      debateBroadcasts.stop();
      front.close();
      stopNotifications();
      stopGround();
      stopGroundReload();
      await groundGroups.close();
      await presence.close();
      snapshots?.close();
      // Alone, the connections are told the server is going. In a cluster they are closed as
      // "server shutting down": socket.io keeps each session in Redis, the clients reconnect by
      // themselves, reach another process and are recovered there.
      if (!cluster) io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
