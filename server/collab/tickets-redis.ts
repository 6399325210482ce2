/**
 * /collab tickets in Redis (REDIS_URL): `SET … PX` on issue and `GETDEL` on redeem, so a ticket
 * works once across every process, and Redis forgets it when it expires.
 */
import type { RedisClient } from '../bus/redis.js';
import { REDIS_PREFIX } from '../bus/redis.js';
import { newTicket, TICKET_SHAPE, TICKET_TTL_MS, type CollabTickets, type TicketHolder } from './tickets.js';

const keyOf = (ticket: string) => `${REDIS_PREFIX}collab-ticket:${ticket}`;

function parseHolder(raw: string | null): TicketHolder | null {
  if (raw === null) return null;
  const value = JSON.parse(raw) as Partial<TicketHolder>;
  return typeof value.userId === 'string' && typeof value.docName === 'string'
    ? { userId: value.userId, docName: value.docName }
    : null;
}

export function redisTickets(client: RedisClient, ttlMs = TICKET_TTL_MS): CollabTickets {
  return {
    async issue(holder) {
      const ticket = newTicket();
      await client.sendCommand(['SET', keyOf(ticket), JSON.stringify(holder), 'PX', String(ttlMs)]);
      return { ticket, expiresAt: new Date(Date.now() + ttlMs) };
    },
    async redeem(ticket) {
      if (!TICKET_SHAPE.test(ticket)) return null;
      const raw = await client.sendCommand(['GETDEL', keyOf(ticket)]);
      return parseHolder(typeof raw === 'string' ? raw : null);
    },
  };
}
