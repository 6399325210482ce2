/** The typed socket.io server and socket (shared/events.ts types both sides). */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/events.js';

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The room of everyone who has an article open. */
export const articleRoom = (articleId: string) => `article:${articleId}`;
/** Moderators (and admins) who have the article open: they see hidden bodies. */
export const moderatorRoom = (articleId: string) => `mods:${articleId}`;
/** Every connection of one user: their own hidden comments, sanctions. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Everyone who has a debate open, and its host alone. */
export const debateRoom = (debateId: string) => `debate:${debateId}`;
export const debateHostRoom = (debateId: string) => `debate-host:${debateId}`;
/** Moderators watching the live queues. */
export const DESK_ROOM = 'desk';
