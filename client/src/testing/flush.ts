import { setImmediate as realSetImmediate } from 'node:timers';

/**
 * Lets every promise chain that is already under way settle: resolves on Node's own setImmediate,
 * which runs only after the microtask queue is empty, and which vi.useFakeTimers does not replace
 * (it patches the global, not node:timers). No real time passes.
 */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
