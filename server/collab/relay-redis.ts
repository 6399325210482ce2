/**
 * The relay between processes over Redis pub/sub (REDIS_URL): one channel per document,
 * `parley:collab:<document name>`, binary messages (relay.ts). Two connections: one subscribes
 * (a subscribed Redis connection can do nothing else), one publishes. A process tags what it
 * publishes with its node id and ignores its own messages.
 *
 * Pub/sub delivers at most once: messages sent while a connection is down are lost. So after the
 * subscriber reconnects (node-redis subscribes again before it reports ready) every loaded document
 * catches up from the store (onResume), and after a failed publish the publisher, once it is back,
 * asks the others to do so for that document (a `resync` message). Redis sends one channel's
 * messages in the order it received them, so an update never reaches a process before one it
 * depends on, unless a message was lost; that case too ends in a catch-up (document.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import {
  decodeRelayMessage,
  encodeRelayMessage,
  type DocRelay,
  type RelayListener,
  type RelayMessage,
  type RelaySubscription,
} from './relay.js';

export interface RedisDocRelayOptions {
  /** Channel prefix; the document name follows it. */
  prefix?: string;
  /** How long a subscription may take before the load that waits for it fails (Redis unreachable). */
  subscribeTimeoutMs?: number;
}

type RedisClient = ReturnType<typeof createClient>;

/** Connects both clients; rejects if Redis cannot be reached at start-up. */
export async function createRedisDocRelay(
  url: string,
  log: Logger,
  options: RedisDocRelayOptions = {},
): Promise<DocRelay> {
  const prefix = options.prefix ?? 'parley:collab:';
  const subscribeTimeoutMs = options.subscribeTimeoutMs ?? 5_000;
  const nodeId = randomUUID();
  const rlog = log.child({ component: 'collab-relay', nodeId });
  const publisher: RedisClient = createClient({ url });
  const subscriber: RedisClient = publisher.duplicate();
  const resumeListeners = new Set<() => void>();
  /** Documents whose last publish failed: the others are told to catch up once Redis is back. */
  const unsent = new Set<string>();
  let closing = false;

  const watch = (client: RedisClient, role: string, onReconnected: () => void) => {
    let readyBefore = false;
    let down = false;
    client.on('error', (err: unknown) => {
      // node-redis reconnects by itself and reports every failed attempt: log the first only.
      if (!down && !closing) rlog.warn({ err, role }, 'collab relay: Redis connection lost; reconnecting');
      down = true;
    });
    client.on('ready', () => {
      down = false;
      if (readyBefore && !closing) {
        rlog.info({ role }, 'collab relay: Redis connection back');
        onReconnected();
      }
      readyBefore = true;
    });
  };
  watch(subscriber, 'subscriber', () => {
    for (const listener of resumeListeners) listener();
  });
  watch(publisher, 'publisher', () => {
    for (const docName of [...unsent]) {
      unsent.delete(docName);
      send(docName, { type: 'resync' });
    }
  });

  const send = (docName: string, message: RelayMessage): void => {
    if (closing) return;
    const failed = (err: unknown) => {
      unsent.add(docName);
      rlog.warn({ err, doc: docName, type: message.type }, 'collab relay: publish failed; the others will resync');
    };
    try {
      publisher.publish(prefix + docName, Buffer.from(encodeRelayMessage(nodeId, message))).catch(failed);
    } catch (err) {
      failed(err);
    }
  };

  await Promise.all([publisher.connect(), subscriber.connect()]);

  return {
    kind: 'redis',

    async subscribe(docName: string, listener: RelayListener): Promise<RelaySubscription> {
      const channel = prefix + docName;
      let active = true;
      const onMessage = (raw: Buffer): void => {
        if (!active) return;
        const decoded = decodeRelayMessage(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
        if (!decoded) {
          rlog.warn({ doc: docName }, 'collab relay: unreadable message dropped');
          return;
        }
        if (decoded.sender === nodeId) return;
        listener(decoded.message);
      };
      const unsubscribe = async (): Promise<void> => {
        active = false;
        if (closing) return;
        await subscriber.unsubscribe(channel, onMessage, true).catch((err: unknown) => {
          rlog.warn({ err, doc: docName }, 'collab relay: unsubscribe failed');
        });
      };
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          subscriber.subscribe(channel, onMessage, true),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('Redis did not confirm the subscription in time')),
              subscribeTimeoutMs,
            );
          }),
        ]);
      } catch (err) {
        void unsubscribe();
        throw err;
      } finally {
        clearTimeout(timer);
      }
      return { close: unsubscribe };
    },

    publish: send,

    onResume(listener: () => void): () => void {
      resumeListeners.add(listener);
      return () => resumeListeners.delete(listener);
    },

    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      resumeListeners.clear();
      // close() lets what is queued (the last awareness removals of a graceful stop) go out first.
      await Promise.all([closeClient(publisher), closeClient(subscriber)]);
    },
  };
}

/** Closes gracefully (queued commands are sent), or drops the connection if Redis does not answer. */
async function closeClient(client: RedisClient, ms = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.close(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('close timed out')), ms);
      }),
    ]);
  } catch {
    if (client.isOpen) client.destroy();
  } finally {
    clearTimeout(timer);
  }
}
