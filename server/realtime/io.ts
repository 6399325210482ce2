/**
 * socket.io on the HTTP server's port: handshake auth, connection-state recovery (missed packets are
 * replayed after a short drop; the seq sync covers everything else), message size limits, the
 * event handlers and the broadcasts.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Bus } from '../bus/bus.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import { registerArticleEvents } from './article-events.js';
import { socketAuth } from './auth.js';
import { startBroadcasts } from './broadcast.js';
import { startDebateBroadcasts } from './debate-broadcast.js';
import { registerCommentEvents } from './comment-events.js';
import { registerDebateEvents } from './debate-events.js';
import { registerModerationEvents } from './moderation-events.js';
import { createHandle } from './handle.js';
import { createPresence } from './presence.js';
import { userRoom, type ParleyServer } from './types.js';

const KNOWN_EVENTS = new Set([
  'article:join',
  'article:leave',
  'thread:page',
  'article:sync',
  'comment:create',
  'comment:edit',
  'comment:delete',
  'vote:cast',
  'comment:report',
  'account:standing',
  'account:acknowledge',
  'mod:watch',
  'mod:queue',
  'mod:context',
  'mod:action',
  'mod:audit',
  'mod:user',
  'mod:sanction',
  'mod:lift',
  'mod:settings',
  'mod:article-settings',
  'debate:of-article',
  'debate:join',
  'debate:setup',
  'debate:command',
  'debate:floor',
  'debate:vote',
  'debate:hand',
  'debate:ask',
  'debate:upvote',
  'debate:question-state',
  'debate:credit',
]);

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

  io.use(socketAuth(deps));
  io.on('connection', (socket) => {
    const handle = createHandle(deps, socket);
    registerArticleEvents(deps, socket, handle, presence);
    registerCommentEvents(deps, socket, handle);
    registerModerationEvents(deps, socket, handle);
    registerDebateEvents(deps, socket, handle);
    // A user's own connections share a room: their hidden comments and sanctions reach them there.
    if (socket.data.userId) void socket.join(userRoom(socket.data.userId));
    socket.onAny(async (event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      // Unknown events count against the same flood guard; past it they are dropped unanswered.
      if ((await deps.limits.socketEvents.take(socket.id)) > 0) return;
      const error = new AppError('UNKNOWN_EVENT', `Unknown event "${String(event).slice(0, 50)}".`).toPublic();
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error });
      else socket.emit('server:error', error);
    });
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
