/**
 * The fan-out seam (DESIGN: bus/). Domain code publishes committed changes by topic; transports
 * subscribe. In one process it is an EventEmitter; the Redis bus implements the same interface so
 * nothing else changes when several processes share the work.
 */
import type { ChangeEntry, Role, Sanction } from '../../shared/types.js';
import type { DebateRecord } from '../store/collab-store.js';
import type { CommentRecord } from '../store/store.js';

/** Messages carried by the bus, by topic. Server-side only: records are redacted per viewer on the way out. */
export interface BusMessages {
  /** A committed change of an article's discussion (after the commit, DESIGN rule 1). */
  articleChange: { change: ChangeEntry; comment: CommentRecord };
  /** A comment's tally moved; transports read the current tally when they flush (DESIGN rule 5). */
  voteChanged: { articleId: string; commentId: string };
  /** A comment moderators should look at again (new, reported, acted on), with who handled it. */
  deskUpdate: { comment: CommentRecord; actorName: string | null; action: string | null };
  /** A sanction was given or lifted: the user's open screens are told. */
  accountNotice: { userId: string; sanction: Sanction };
  /** A user's role changed: open connections join or leave the moderators' rooms. */
  roleChanged: { userId: string; role: Role };
  /** Part of a debate changed: transports send clients the fresh part. */
  debateChanged: { debateId: string; part: 'state' | 'hands' | 'questions' | 'votes' };
  /** A debate's host or positions changed: open summary connections re-check their access. */
  debateRoster: { debate: DebateRecord };
  /** Public discussion settings of an article changed. */
  articleSettings: { articleId: string; commentsOpen: boolean; slowModeSeconds: number };
}

export type BusTopic = keyof BusMessages;

export interface Bus {
  publish<T extends BusTopic>(topic: T, message: BusMessages[T]): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe<T extends BusTopic>(topic: T, handler: (message: BusMessages[T]) => void): () => void;
  close(): Promise<void>;
}

/** Where a subscriber's failure goes: logged, never back to the publisher. */
export type SubscriberFailure = (topic: BusTopic, err: unknown) => void;

/**
 * The in-process bus. Delivery is isolated from the write that published: a subscriber that throws
 * (or rejects) is reported to `onFailure` and the others still run, so a committed change is
 * acknowledged to its sender whatever a subscriber does (a failed acknowledgement would make the
 * client retry and post twice).
 */
export function createLocalBus(onFailure: SubscriberFailure = () => undefined): Bus {
  const handlers = new Map<BusTopic, Set<(message: never) => unknown>>();
  const deliver = (topic: BusTopic, handler: (message: never) => unknown, message: unknown) => {
    try {
      const result = handler(message as never);
      if (result instanceof Promise) result.catch((err: unknown) => onFailure(topic, err));
    } catch (err) {
      onFailure(topic, err);
    }
  };
  return {
    async publish(topic, message) {
      for (const handler of [...(handlers.get(topic) ?? [])]) deliver(topic, handler, message);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      const entry = handler as (message: never) => unknown;
      set.add(entry);
      return () => void handlers.get(topic)?.delete(entry);
    },
    async close() {
      handlers.clear();
    },
  };
}
