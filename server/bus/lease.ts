/**
 * Leases: which one of several processes does a job that must be done once (a debate's clock,
 * server/realtime/debate/timers.ts). A lease is a name held by one owner for a time to live; the
 * holder renews it well before it runs out. When the holder dies it stops renewing, the lease
 * expires, and another process takes it.
 *
 * Two implementations behind one interface:
 * - memory: one process owns everything (tests may share one table between several owners);
 * - Redis (REDIS_URL): `SET key owner NX PX ttl` takes a free lease; renewal and release compare the
 *   owner first (a Lua script), so a process never extends or drops a lease another one took after
 *   its own expired. Expiry runs on the Redis server's clock, so the processes' clocks need not agree.
 *
 * `claimOnce` is the fence for an action that must not be repeated by the next owner (a time-up
 * notice already sent): a marker only the first claimer gets.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createClient } from 'redis';

export interface Leases {
  /** This process's owner id: random, so a restarted process is a new owner. */
  readonly owner: string;
  /** 'memory' or 'redis'. */
  readonly kind: 'memory' | 'redis';
  /**
   * Takes the lease if nobody holds it, or renews it if this owner does. True when this owner
   * holds it for `ttlMs` from now; false when another owner does.
   */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Extends this owner's lease by `ttlMs` from now; false if this owner no longer holds it. */
  renew(name: string, ttlMs: number): Promise<boolean>;
  /** Gives up this owner's lease at once (graceful stop); does nothing to another owner's. */
  release(name: string): Promise<void>;
  /** A one-time marker: true for the first claimer (of any owner) only, while it lives (`ttlMs`). */
  claimOnce(name: string, ttlMs: number): Promise<boolean>;
  /** Closes a connection the leases opened themselves (not one they were given). */
  close(): Promise<void>;
}

// ------------------------------------------------------------------------------------------------
// Memory

/** The leases of one process: name → holder and expiry (ms since the epoch). */
export type MemoryLeaseTable = Map<string, { owner: string; expiresAt: number }>;

export function createMemoryLeases(
  options: { owner?: string; table?: MemoryLeaseTable; now?: () => number } = {},
): Leases {
  const owner = options.owner ?? newOwnerId();
  const table: MemoryLeaseTable = options.table ?? new Map();
  const now = options.now ?? Date.now;
  const live = (name: string) => {
    const entry = table.get(name);
    if (entry && entry.expiresAt <= now()) {
      table.delete(name);
      return undefined;
    }
    return entry;
  };
  return {
    owner,
    kind: 'memory',
    async acquire(name, ttlMs) {
      const entry = live(name);
      if (entry && entry.owner !== owner) return false;
      table.set(name, { owner, expiresAt: now() + ttlMs });
      return true;
    },
    async renew(name, ttlMs) {
      const entry = live(name);
      if (entry?.owner !== owner) return false;
      entry.expiresAt = now() + ttlMs;
      return true;
    },
    async release(name) {
      if (live(name)?.owner === owner) table.delete(name);
    },
    async claimOnce(name, ttlMs) {
      if (live(name)) return false;
      table.set(name, { owner, expiresAt: now() + ttlMs });
      return true;
    },
    async close() {},
  };
}

// ------------------------------------------------------------------------------------------------
// Redis

/** The one call the leases need of a node-redis client (v5): a helper's client can be reused. */
export interface LeaseRedis {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Where the lease keys live in Redis: `parley:lease:<name>`. */
export const LEASE_KEY_PREFIX = 'parley:lease:';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export function createRedisLeases(
  redis: LeaseRedis,
  options: { owner?: string; prefix?: string; onClose?: () => Promise<void> } = {},
): Leases {
  const owner = options.owner ?? newOwnerId();
  const prefix = options.prefix ?? LEASE_KEY_PREFIX;
  const ms = (ttlMs: number) => String(Math.max(1, Math.ceil(ttlMs)));
  const setIfFree = async (name: string, ttlMs: number) =>
    (await redis.sendCommand(['SET', prefix + name, owner, 'NX', 'PX', ms(ttlMs)])) === 'OK';
  const renew = async (name: string, ttlMs: number) =>
    Number(await redis.sendCommand(['EVAL', RENEW, '1', prefix + name, owner, ms(ttlMs)])) === 1;
  return {
    owner,
    kind: 'redis',
    async acquire(name, ttlMs) {
      return (await setIfFree(name, ttlMs)) || renew(name, ttlMs);
    },
    renew,
    async release(name) {
      await redis.sendCommand(['EVAL', RELEASE, '1', prefix + name, owner]);
    },
    claimOnce: setIfFree,
    async close() {
      await options.onClose?.();
    },
  };
}

/**
 * The leases a Parley process uses: in Redis when a URL (or a connected client) is given, else in
 * memory. With only a URL it opens its own connection, which `close()` closes; commands fail at
 * once while Redis is unreachable (no offline queue), so a lease is never assumed held.
 */
/**
 * A fresh owner id: host and pid say which process holds a lease (operators and tests read it off
 * Redis), the random part makes a restarted process a new owner.
 */
export const newOwnerId = (): string => `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

export async function openLeases(options: {
  url?: string | undefined;
  client?: LeaseRedis | undefined;
  onError?: (err: unknown) => void;
  /** How long start-up waits for Redis (node-redis would retry for ever). */
  connectTimeoutMs?: number;
}): Promise<Leases> {
  if (options.client) return createRedisLeases(options.client);
  if (!options.url) return createMemoryLeases();
  const client = createClient({ url: options.url, disableOfflineQueue: true });
  client.on('error', (err: unknown) => options.onError?.(err));
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Redis did not answer within ${timeoutMs} ms (debate clock leases)`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (err) {
    client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return createRedisLeases(client, {
    onClose: async () => {
      if (client.isOpen) await client.close();
    },
  });
}
