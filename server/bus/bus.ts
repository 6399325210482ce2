/**
 * The fan-out seam (DESIGN: bus/). Domain code publishes committed changes by topic; transports
 * subscribe. In one process it is an EventEmitter; the Redis bus implements the same interface so
 * nothing else changes when several processes share the work.
 */
import { EventEmitter } from 'node:events';
import type { ChangeEntry, Role, Sanction } from '../../shared/types.js';
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

export function createLocalBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic, message) {
      emitter.emit(topic, message);
    },
    subscribe(topic, handler) {
      emitter.on(topic, handler);
      return () => emitter.off(topic, handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
