/**
 * Tickets for /collab (docs/COLLAB.md, "Tickets"): a signed-in client asks
 * `POST /api/collab/ticket {doc}` and opens `/collab/<doc>?ticket=…`, so the access token never
 * travels in a URL, where proxies and access logs keep it. A ticket is 32 random bytes, names one
 * user and one document, lives TICKET_TTL_MS and works once: redeeming it deletes it.
 *
 * Alone, a process keeps its tickets in memory; with REDIS_URL they live in Redis
 * (tickets-redis.ts), so a ticket asked of one process opens a connection on any other.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Long enough for a slow phone to open the socket after the HTTP answer; short enough to be useless once leaked. */
export const TICKET_TTL_MS = 30_000;
/** Unredeemed tickets kept at most, in memory (the oldest go first; each is 32 bytes and two ids). */
const MAX_LOCAL_TICKETS = 100_000;

export interface TicketHolder {
  userId: string;
  docName: string;
}

export interface CollabTickets {
  /** A new ticket for `holder`, and when it expires. */
  issue(holder: TicketHolder): Promise<{ ticket: string; expiresAt: Date }>;
  /** Whom the ticket was issued to, once: null when unknown, used or expired. */
  redeem(ticket: string): Promise<TicketHolder | null>;
}

/** The shape of every ticket: 43 base64url characters. A string of another shape is refused before any lookup. */
export const TICKET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const newTicket = (): string => randomBytes(32).toString('base64url');

export function localTickets(ttlMs = TICKET_TTL_MS): CollabTickets {
  const held = new LRUCache<string, TicketHolder>({ max: MAX_LOCAL_TICKETS, ttl: ttlMs });
  return {
    async issue(holder) {
      const ticket = newTicket();
      held.set(ticket, holder);
      return { ticket, expiresAt: new Date(Date.now() + ttlMs) };
    },
    async redeem(ticket) {
      if (!TICKET_SHAPE.test(ticket)) return null;
      const holder = held.get(ticket) ?? null;
      held.delete(ticket);
      return holder;
    },
  };
}
