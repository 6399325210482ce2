/**
 * The Redis link of a process that works with others (REDIS_URL): one command client, one
 * subscriber, and the clients socket.io's adapter makes from them; whether they are all up; and
 * small JSON channels between the processes (the cluster bus, presence notices, resync notices).
 *
 * Outages (docs/OPERATIONS.md, "Cluster"): the command client has no offline queue, so while Redis
 * is away a command fails at once instead of piling up in memory, and whoever sent it carries on
 * locally (a broadcast reaches this process's sockets, a rate limit falls back to its in-memory
 * insurance, a bus message stays in this process). The subscriber and the adapter's stream reader
 * keep node-redis's offline queue, where each holds at most its one pending SUBSCRIBE or XREAD, so
 * they resume by themselves. When every client is back, `onRecovered` listeners run, once.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Every key and channel Parley uses starts with this. */
export const REDIS_PREFIX = 'parley:';
/** How long start-up waits for Redis before it gives up. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Commands waiting for a reply, at most, on the command client (a hung Redis must not eat memory). */
const MAX_QUEUED_COMMANDS = 10_000;
/** Everything back for this long counts as recovered: the clients reconnect one after another. */
const RECOVERED_SETTLE_MS = 250;

export interface RedisLink {
  /** This process's id in the cluster: random, so a restarted process is a new one. */
  readonly origin: string;
  /** The command client: fails at once while Redis is unreachable (no offline queue). */
  readonly client: RedisClient;
  /** True while every client of the link is connected. */
  isUp(): boolean;
  /**
   * The client to give socket.io's Redis streams adapter: the command client, except that a
   * command it sends without waiting for the answer cannot crash the process when Redis is away,
   * and the clients it duplicates for reading keep an offline queue (and are closed with the link).
   */
  adapterClient(): RedisClient;
  /** Sends `payload` (JSON) to the other processes listening on `channel`. Rejects while Redis is away. */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Calls `handler` with what the *other* processes publish on `channel`. Returns the unsubscribe. */
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
  /** Resolves once every subscription asked for so far is in place. */
  settled(): Promise<void>;
  /** Calls `listener` each time the link is whole again after a loss. Returns the unsubscribe. */
  onRecovered(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}

async function shut(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await Promise.race([client.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  } catch {
    // Closing a client that is going away anyway.
  }
  if (client.isOpen) client.destroy();
}

/** Connects to Redis, or fails start-up naming the URL after CONNECT_TIMEOUT_MS. */
export async function connectRedis(url: string, log: Logger): Promise<RedisLink> {
  const origin = randomUUID();
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
  });
  const tracked = new Set<RedisClient>();
  const recoveredListeners = new Set<() => void>();
  let up = false;
  let lost = false;
  let closing = false;
  let settleTimer: NodeJS.Timeout | null = null;

  /** Clients that have connected once: one still starting up is not an outage. */
  const started = new WeakSet<RedisClient>();
  const allReady = () => [...tracked].every((c) => !started.has(c) || c.isReady);
  const evaluate = () => {
    if (closing) return;
    const now = allReady();
    if (up && !now) {
      lost = true;
      log.warn({ redis: shown(url) }, 'redis unreachable; serving this process’s clients alone until it returns');
    }
    up = now;
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = null;
    if (now && lost) {
      settleTimer = setTimeout(() => {
        settleTimer = null;
        if (closing || !allReady() || !lost) return;
        lost = false;
        log.info({ redis: shown(url) }, 'redis is back; telling clients to sync');
        for (const listener of [...recoveredListeners]) {
          try {
            listener();
          } catch (err) {
            log.error({ err }, 'redis recovery listener failed');
          }
        }
      }, RECOVERED_SETTLE_MS);
    }
  };
  const track = (c: RedisClient) => {
    tracked.add(c);
    // Errors are reported through the state change above; node-redis retries by itself.
    c.on('error', () => evaluate());
    c.on('ready', () => {
      started.add(c);
      evaluate();
    });
    c.on('end', () => evaluate());
    c.on('reconnecting', () => evaluate());
  };
  track(client);

  /** Waits for `c` to connect, or gives up (and closes everything) after CONNECT_TIMEOUT_MS. */
  const connectOrFail = async (c: RedisClient) => {
    const connecting = c.connect();
    connecting.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connecting,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis at ${shown(url)} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
            CONNECT_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (err) {
      closing = true;
      for (const t of tracked) if (t.isOpen) t.destroy();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  await connectOrFail(client);

  /** A reading client (subscriber, stream reader): keeps its one pending command across an outage. */
  const duplicateForReading = (): RedisClient => {
    const c = client.duplicate({ disableOfflineQueue: false, commandsQueueMaxLength: 1000 });
    track(c);
    // The adapter disconnects its readers when it closes; one the link already closed must not throw.
    const destroy = c.destroy.bind(c);
    c.disconnect = async () => {
      tracked.delete(c);
      if (c.isOpen) destroy();
    };
    return c;
  };

  const subscriber = duplicateForReading();
  await connectOrFail(subscriber);
  up = allReady();

  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Set<Promise<unknown>>();
  const remember = (p: Promise<unknown>) => {
    const settled = p
      .catch((err: unknown) => log.error({ err }, 'redis subscription failed'))
      .finally(() => {
        pending.delete(settled);
      });
    pending.add(settled);
  };

  return {
    origin,
    client,
    isUp: () => up && allReady(),
    adapterClient() {
      return new Proxy(client, {
        get(target, prop) {
          if (prop === 'duplicate') return duplicateForReading;
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
            // The adapter sends some commands without waiting (PUBLISH, SET of a session): their
            // failure during an outage must not become an unhandled rejection. Awaited ones still fail.
            if (result instanceof Promise) result.catch(() => undefined);
            return result;
          };
        },
      });
    },
    async publish(channel, payload) {
      await client.publish(REDIS_PREFIX + channel, JSON.stringify({ origin, payload }));
    },
    subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        const listeners = set;
        remember(
          subscriber.subscribe(REDIS_PREFIX + channel, (raw: string) => {
            let message: { origin?: unknown; payload?: unknown };
            try {
              message = JSON.parse(raw) as { origin?: unknown; payload?: unknown };
            } catch (err) {
              log.warn({ err, channel }, 'unreadable message from redis');
              return;
            }
            if (message.origin === origin) return;
            for (const h of [...listeners]) {
              try {
                h(message.payload);
              } catch (err) {
                log.error({ err, channel }, 'redis channel handler failed');
              }
            }
          }),
        );
      }
      set.add(handler);
      return () => {
        const current = handlers.get(channel);
        current?.delete(handler);
        if (current && current.size === 0 && !closing) {
          handlers.delete(channel);
          if (subscriber.isOpen) remember(subscriber.unsubscribe(REDIS_PREFIX + channel));
        }
      };
    },
    async settled() {
      await Promise.all([...pending]);
    },
    onRecovered(listener) {
      recoveredListeners.add(listener);
      return () => void recoveredListeners.delete(listener);
    },
    async close() {
      closing = true;
      if (settleTimer) clearTimeout(settleTimer);
      recoveredListeners.clear();
      handlers.clear();
      // The command client last: closing waits for its pending commands (none without Redis).
      await Promise.all([...tracked].filter((c) => c !== client).map(shut));
      await shut(client);
    },
  };
}
