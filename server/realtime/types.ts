/** The typed socket.io server and socket (shared/events.ts types both sides). */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/events.js';

export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const ARTICLE_ROOM = 'article:';
/** The room of everyone who has an article open. */
export const articleRoom = (articleId: string) => `${ARTICLE_ROOM}${articleId}`;
/** The article whose room this is, or null for any other room. */
export const articleIdOfRoom = (room: string): string | null =>
  room.startsWith(ARTICLE_ROOM) ? room.slice(ARTICLE_ROOM.length) : null;

/**
 * This process's sockets in a room, read from the adapter's own table. (`io.local.in(room)
 * .fetchSockets()` would do, but the cluster adapter asks Redis how many servers there are even for
 * a local fetch, so it fails while Redis is away.)
 */
export function localSocketsIn(io: ParleyServer, room: string): ParleySocket[] {
  const sockets: ParleySocket[] = [];
  for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
    const socket = io.sockets.sockets.get(id);
    if (socket) sockets.push(socket);
  }
  return sockets;
}

/** The articles this process's sockets have open (the article rooms with a local socket in them). */
export function localArticles(io: ParleyServer): string[] {
  const ids: string[] = [];
  for (const room of io.sockets.adapter.rooms.keys()) {
    const id = articleIdOfRoom(room);
    if (id !== null) ids.push(id);
  }
  return ids;
}
/** Moderators (and admins) who have the article open: they see hidden bodies. */
export const moderatorRoom = (articleId: string) => `mods:${articleId}`;
/** Every connection of one user: their own hidden comments, sanctions. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Everyone who has a debate open, and its host alone. */
const DEBATE_ROOM = 'debate:';
const DEBATE_HOST_ROOM = 'debate-host:';
export const debateRoom = (debateId: string) => `${DEBATE_ROOM}${debateId}`;
export const debateHostRoom = (debateId: string) => `${DEBATE_HOST_ROOM}${debateId}`;
/** The debates a connection has open, and those it hosts, from its rooms. */
export function debatesOf(rooms: Iterable<string>): { open: string[]; hosted: string[] } {
  const open: string[] = [];
  const hosted: string[] = [];
  for (const room of rooms) {
    if (room.startsWith(DEBATE_ROOM)) open.push(room.slice(DEBATE_ROOM.length));
    else if (room.startsWith(DEBATE_HOST_ROOM)) hosted.push(room.slice(DEBATE_HOST_ROOM.length));
  }
  return { open, hosted };
}
/** Moderators watching the live queues. */
export const DESK_ROOM = 'desk';
/** Everyone watching a scope's common ground (issue 16), and those of them who manage it. */
export const groundRoom = (scopeKey: string) => `ground:${scopeKey}`;
export const groundManagersRoom = (scopeKey: string) => `ground-managers:${scopeKey}`;
