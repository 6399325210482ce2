/**
 * The fan-out seam (DESIGN: bus/). Domain code publishes committed changes by topic; transports
 * subscribe. In one process it is an EventEmitter; the Redis bus implements the same interface so
 * nothing else changes when several processes share the work.
 */
import { EventEmitter } from 'node:events';
import type { ChangeEntry } from '../../shared/types.js';

/** Messages carried by the bus, by topic. */
export interface BusMessages {
  /** A committed change of an article's discussion (after the commit, DESIGN rule 1). */
  articleChange: ChangeEntry;
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
