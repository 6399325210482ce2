/**
 * When to write a snapshot (the "store" hook): debounced after writes, with a maximum wait, so a
 * document being typed into is compacted at least every `maxWaitMs` and a quiet one soon after
 * its last change. The registry also compacts when the last client leaves and before unloading.
 */
export class CompactionTimer {
  private timer: NodeJS.Timeout | null = null;
  private firstWriteAt: number | null = null;

  constructor(
    private readonly run: () => void,
    private readonly debounceMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Called after every write: (re)arms the timer, never past the maximum wait. */
  touch(now = Date.now()): void {
    this.firstWriteAt ??= now;
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstWriteAt + this.maxWaitMs - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cancel();
      this.run();
    }, delay);
    this.timer.unref();
  }

  /** Forgets pending writes (a compaction is running or the document is going away). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstWriteAt = null;
  }
}
