/**
 * socket.io across processes (REDIS_URL; docs/OPERATIONS.md, "Cluster"):
 * - the Redis streams adapter: a broadcast is one stream entry that every process delivers to its
 *   own sockets, so each socket gets it once; rooms and connection-state recovery work across
 *   processes (a session closed by a stopping process is restored by the one the client reaches);
 * - one order: the process that broadcasts delivers to its own sockets when the entry comes back
 *   from the stream, like every other process (the stock adapter delivers locally first), and a
 *   request is acknowledged once its broadcasts are in the stream. So every socket receives
 *   broadcasts in the stream's order, and a change made after another was acknowledged comes after
 *   it everywhere;
 * - presence notices between processes (presence.ts);
 * - the resync after an outage: while Redis was away each process delivered only its own
 *   broadcasts, so when the link is whole again every process tells its sockets to resync
 *   (`article:resync`), and tells the other processes to do the same.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Adapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';
import type { ReaderTable } from '../bus/readers.js';
import type { RedisLink } from '../bus/redis.js';
import type { Deps } from '../domain/deps.js';
import type { Presence, PresenceCluster } from './presence.js';
import { articleRoom, localArticles, type ParleyServer } from './types.js';

export interface RealtimeCluster {
  link: RedisLink;
  readers: ReaderTable;
}

/** Resync notices that arrive close together (each process's recovery) make one. */
const RESYNC_SETTLE_MS = 250;

/** What a packet and a cluster message are, as far as the ordering below needs to know. */
interface Packet {
  type: number;
  data: unknown[];
  id?: number;
}
interface Message {
  uid: string;
  type: MessageType;
  data?: { packet?: Packet; requestId?: string; opts?: { rooms: string[]; except: string[]; flags?: object } };
}
/** The parts of the stock adapter (socket.io-adapter's ClusterAdapter) the ordering replaces or uses. */
interface StreamAdapter {
  uid: string;
  nsp: { server: { opts: { connectionStateRecovery?: unknown } } };
  broadcast(packet: Packet, opts: BroadcastOptions): Promise<void> | void;
  onMessage(message: Message, offset?: string): void;
  publishAndReturnOffset(message: { type: MessageType; data: unknown }): Promise<string>;
}

export interface ClusterAdapter {
  /** For socket.io's `adapter` option. */
  factory: ReturnType<typeof createAdapter>;
  /** Resolves once every broadcast sent so far is in the stream (or has failed). */
  flushed(): Promise<void>;
}

/** The socket.io adapter of a process in a cluster, in stream order; keys and channels under `parley:`. */
export function clusterAdapter(cluster: RealtimeCluster): ClusterAdapter {
  const stock = createAdapter(cluster.link.adapterClient(), {
    streamName: 'parley:socket.io',
    channelPrefix: 'parley:socket.io',
    sessionKeyPrefix: 'parley:sio:session:',
  });
  const publishing = new Set<Promise<void>>();
  // socket.io calls it with `new`: a function (not an arrow) that returns the adapter.
  const factory = function (nsp: Parameters<typeof stock>[0]) {
    const adapter = stock(nsp);
    const a = adapter as unknown as StreamAdapter;
    const deliverHere = (packet: Packet, opts: BroadcastOptions) =>
      (Adapter.prototype.broadcast as (p: Packet, o: BroadcastOptions) => void).call(adapter, packet, opts);
    const clusterOnMessage = a.onMessage.bind(adapter);
    a.broadcast = (packet, opts) => {
      if (opts.flags?.local) return deliverHere(packet, opts);
      const published: Promise<void> = a
        .publishAndReturnOffset({
          type: MessageType.BROADCAST,
          data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
        })
        .then(
          // Delivered here when it comes back from the stream (onMessage below).
          () => undefined,
          // Redis is away: this process's sockets still get it (the others resync later).
          () => deliverHere(packet, opts),
        )
        .finally(() => publishing.delete(published));
      publishing.add(published);
      return published;
    };
    a.onMessage = (message, offset) => {
      const { packet, opts, requestId } = message.data ?? {};
      if (message.uid !== a.uid || message.type !== MessageType.BROADCAST || !packet || !opts || requestId) {
        return clusterOnMessage(message, offset);
      }
      const options: BroadcastOptions = {
        rooms: new Set(opts.rooms),
        except: new Set(opts.except),
        flags: opts.flags ?? {},
      };
      // As the stock adapter does: the offset lets a dropped connection recover from here.
      const recoverable = packet.type === 2 && packet.id === undefined && !options.flags?.volatile;
      if (offset && recoverable && a.nsp.server.opts.connectionStateRecovery) packet.data.push(offset);
      deliverHere(packet, options);
    };
    return adapter;
  } as typeof stock;
  return {
    factory,
    async flushed() {
      await Promise.allSettled([...publishing]);
    },
  };
}

/** What presence.ts needs of the cluster: the reader table and notices to the other processes. */
export function presenceCluster(deps: Deps, cluster: RealtimeCluster): PresenceCluster {
  const redisDown = (err: unknown) => deps.log.debug({ err }, 'redis unreachable; counting this process’s readers');
  return {
    table: cluster.readers,
    announce: (articleId) => void cluster.link.publish('presence', { articleId }).catch(redisDown),
    onError: redisDown,
  };
}

/** Listens for the other processes' notices and for the link's recovery. Returns the stop. */
export function joinCluster(deps: Deps, io: ParleyServer, cluster: RealtimeCluster, presence: Presence): () => void {
  const { link } = cluster;
  let resyncTimer: NodeJS.Timeout | null = null;
  const resync = () => {
    if (resyncTimer) return;
    resyncTimer = setTimeout(() => {
      resyncTimer = null;
      const articleIds = localArticles(io);
      deps.log.info({ articles: articleIds.length }, 'asking this process’s readers to resync');
      for (const articleId of articleIds) io.local.to(articleRoom(articleId)).emit('article:resync', { articleId });
      presence.refreshAll();
    }, RESYNC_SETTLE_MS);
  };
  const stops = [
    link.subscribe('presence', (payload) => {
      const articleId = (payload as { articleId?: unknown } | null)?.articleId;
      if (typeof articleId === 'string') presence.changedElsewhere(articleId);
    }),
    link.subscribe('resync', resync),
    link.onRecovered(() => {
      // Another process may have written while this one could not hear it, and the other way round.
      link
        .publish('resync', {})
        .catch((err: unknown) => deps.log.warn({ err }, 'could not ask the other processes to resync'));
      resync();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    if (resyncTimer) clearTimeout(resyncTimer);
  };
}
