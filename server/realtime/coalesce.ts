/**
 * Coalesced, ordered flushes per key (an article): the first mark starts a timer; when it fires,
 * `run` gets every item marked meanwhile. Runs of one key never overlap: a run that is due while
 * the previous one still reads waits for it. So what a key's runs read is sent in the order it was
 * read, and the last thing a socket receives is the last thing read (vote tallies, reader counts).
 */
export interface Coalescer<T> {
  mark(key: string, item: T): void;
  close(): void;
}

export function createCoalescer<T>(delayMs: number, run: (key: string, items: Set<T>) => Promise<void>): Coalescer<T> {
  const pending = new Map<string, { items: Set<T>; timer: NodeJS.Timeout }>();
  const running = new Map<string, Promise<void>>();
  let closed = false;

  const fire = async (key: string) => {
    const previous = running.get(key);
    if (previous) await previous;
    // Items marked while the previous run finished joined this batch.
    const batch = pending.get(key);
    pending.delete(key);
    if (!batch || closed) return;
    const current: Promise<void> = run(key, batch.items)
      .catch(() => undefined)
      .finally(() => {
        if (running.get(key) === current) running.delete(key);
      });
    running.set(key, current);
    await current;
  };

  return {
    mark(key, item) {
      if (closed) return;
      let batch = pending.get(key);
      if (!batch) {
        batch = { items: new Set(), timer: setTimeout(() => void fire(key), delayMs) };
        pending.set(key, batch);
      }
      batch.items.add(item);
    },
    close() {
      closed = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
