/**
 * The bus of a process that works with others (REDIS_URL). Same interface as the local bus, and
 * the same isolation: a subscriber that throws is reported and never reaches the publisher.
 *
 * Who delivers what (docs/OPERATIONS.md, "Cluster"):
 * - Most topics stay in the publishing process. Their subscribers broadcast to socket.io rooms,
 *   and socket.io's Redis adapter carries each broadcast to the sockets of every process, once.
 * - CLUSTER_TOPICS are also sent over Redis pub/sub and delivered in every process, because their
 *   subscribers act on what only the local process holds: its sockets (a role change, the vote
 *   tallies each process reads for its own readers) or its collab connections (a debate roster).
 *
 * A message that cannot be sent to the others (Redis away) is logged and dropped; the write that
 * published it stands, and readers catch up through the resync that follows Redis's return.
 * Messages of CLUSTER_TOPICS cross processes as JSON, so they must be plain data.
 */
import type { Bus, BusMessages, BusTopic, SubscriberFailure } from './bus.js';
import { createLocalBus } from './bus.js';
import type { RedisLink } from './redis.js';

/** Topics delivered in every process, not only in the one that published them. */
export const CLUSTER_TOPICS = [
  'voteChanged',
  'debateAudience',
  'roleChanged',
  'debateRoster',
  'accountNotice',
  'groundVote',
] as const satisfies readonly BusTopic[];

const channelOf = (topic: BusTopic) => `bus:${topic}`;

export function createRedisBus(
  link: RedisLink,
  onFailure: SubscriberFailure,
  onUnsent: (topic: BusTopic, err: unknown) => void = () => undefined,
): Bus {
  const local = createLocalBus(onFailure);
  const everywhere = new Set<BusTopic>(CLUSTER_TOPICS);
  const unsubscribe = CLUSTER_TOPICS.map((topic) =>
    link.subscribe(channelOf(topic), (message) => void local.publish(topic, message as BusMessages[typeof topic])),
  );
  return {
    async publish(topic, message) {
      // Here first: this process's subscribers never wait for, or depend on, Redis.
      await local.publish(topic, message);
      if (!everywhere.has(topic)) return;
      try {
        await link.publish(channelOf(topic), message);
      } catch (err) {
        onUnsent(topic, err);
      }
    },
    subscribe: local.subscribe,
    async close() {
      for (const off of unsubscribe) off();
      await local.close();
    },
  };
}
