/** /collab tickets, in memory and in a real redis-server: each works once, for its holder, until it expires. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { startOwnRedis, type OwnRedis } from '../../test/helpers/collab-cluster.js';
import { waitUntil } from '../../test/helpers/wait.js';
import { localTickets, type CollabTickets } from './tickets.js';
import { redisTickets } from './tickets-redis.js';

const TTL_MS = 300;
const holder = { userId: 'u1', docName: 'debate/d/position/p' };

let redis: OwnRedis;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  redis = await startOwnRedis();
  client = createClient({ url: redis.url });
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await redis?.kill();
});

const kinds: Array<[string, () => CollabTickets]> = [
  ['in memory', () => localTickets(TTL_MS)],
  ['in Redis', () => redisTickets(client, TTL_MS)],
];

describe.each(kinds)('collab tickets %s', (_kind, make) => {
  it('names its holder once, then never again', async () => {
    const tickets = make();
    const { ticket, expiresAt } = await tickets.issue(holder);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await tickets.redeem(ticket)).toEqual(holder);
    expect(await tickets.redeem(ticket)).toBeNull();
  });

  it('is refused once it has expired, unused', async () => {
    const tickets = make();
    const { ticket, expiresAt } = await tickets.issue(holder);
    await waitUntil(() => Date.now() > expiresAt.getTime() + 50, 'the ticket to expire', 10_000);
    expect(await tickets.redeem(ticket)).toBeNull();
  });

  it('refuses what it never issued, of any shape, without a lookup', async () => {
    const tickets = make();
    for (const wrong of ['', 'x', 'A'.repeat(43), 'A'.repeat(44), `${'A'.repeat(42)}=`]) {
      expect(await tickets.redeem(wrong)).toBeNull();
    }
  });
});
