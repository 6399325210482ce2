/**
 * socket.io on the HTTP server's port: handshake auth, connection-state recovery (missed packets are
 * replayed after a short drop; the seq sync covers everything else), message size limits, the
 * event handlers and the broadcasts.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Bus } from '../bus/bus.js';
import type { Deps } from '../domain/deps.js';
import { articleRequests, trackPresence } from './article-events.js';
import { socketAuth } from './auth.js';
import { startBroadcasts } from './broadcast.js';
import { startDebateBroadcasts } from './debate/broadcast.js';
import { debateRequests } from './debate/requests.js';
import { commentRequests } from './comment-events.js';
import { moderationRequests } from './moderation-events.js';
import { serveRequests, type RequestHandlers } from './requests.js';
import { createPresence } from './presence.js';
import { userRoom, type ParleyServer } from './types.js';

/** Largest socket message: a 10,000-character comment in 4-byte characters, with room for the envelope. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface Realtime {
  io: ParleyServer;
  close(): Promise<void>;
}

export function startRealtime(httpServer: HttpServer, deps: Deps, bus: Bus): Realtime {
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    serveClient: false,
  });
  const presence = createPresence(io);
  const stopBroadcasts = startBroadcasts(deps, io, bus);
  const stopDebateBroadcasts = startDebateBroadcasts(deps, io, bus);

  // One table for every connection: the type check holds it to shared/events.ts, event for event.
  const handlers: RequestHandlers = {
    ...articleRequests(deps, presence),
    ...commentRequests(deps),
    ...moderationRequests(deps),
    ...debateRequests(deps),
  };

  io.use(socketAuth(deps));
  io.on('connection', (socket) => {
    serveRequests(deps, socket, handlers);
    trackPresence(socket, presence);
    // A user's own connections share a room: their hidden comments and sanctions reach them there.
    if (socket.data.userId) void socket.join(userRoom(socket.data.userId));
  });

  return {
    io,
    async close() {
      stopBroadcasts();
      stopDebateBroadcasts();
      presence.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
