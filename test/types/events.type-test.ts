/**
 * Type tests of the one event map (checked by `npm run typecheck`, never run): each
 * `@ts-expect-error` below must meet an error, so if the map stopped catching a misspelt event or a
 * wrong payload or acknowledgement shape on either side, the type check itself would fail.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import type { ArticleChange, ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import type { RequestHandlers } from '../../server/realtime/requests.js';
import type { ParleyServer } from '../../server/realtime/types.js';

declare const io: ParleyServer;
declare const client: ClientSocket<ServerToClientEvents, ClientToServerEvents>;
declare const comment: ArticleChange;

export const misspelt = {
  // @ts-expect-error a misspelt event has no place in the handler table
  'comment:creat': async () => comment,
} satisfies Partial<RequestHandlers>;

export const wrongShapes = {
  // @ts-expect-error the acknowledgement of vote:cast is a VoteResultData, not a comment change
  'vote:cast': async () => comment,
  // The payload arrives validated and typed: a field that is not in the schema is an error.
  'comment:delete': async (input) => {
    // @ts-expect-error comment:delete carries no body
    void input.body;
    return comment;
  },
} satisfies Partial<RequestHandlers>;

// @ts-expect-error a table that misses an event is not a RequestHandlers
export const incomplete: RequestHandlers = { 'comment:create': async () => comment };

export function serverEmits(): void {
  // @ts-expect-error a misspelt broadcast
  io.to('room').emit('article:chnage', comment);
  // @ts-expect-error a broadcast with the wrong payload shape
  io.to('room').emit('presence:update', { articleId: 'a', readers: 'many' });
}

export function clientCalls(): void {
  // @ts-expect-error a misspelt request
  client.emit('comment:creat', { articleId: 'a', body: 'hi' }, () => undefined);
  // @ts-expect-error a payload missing its required field
  client.emit('comment:create', { articleId: 'a' }, () => undefined);
  client.emit('vote:cast', { commentId: 'c', value: 1 }, (ack) => {
    // @ts-expect-error the acknowledged data of vote:cast has no `seq`
    if (ack.ok) void ack.data.seq;
  });
}
