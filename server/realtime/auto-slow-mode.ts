/**
 * Runs automatic slow mode's evaluation (server/domain/auto-slow-mode.ts) in every process, on a
 * timer. Each tick evaluates:
 * - the articles this process stored a comment on since the last tick (the `articleChange` bus
 *   topic stays in the publishing process): the rate only rises when a comment is posted, so this is
 *   where engaging is noticed;
 * - every article whose automatic slow mode is engaged, read from the store: the rate falls with no
 *   event at all, and any process may lift it, including after the one that engaged it stopped.
 * The rate is counted from the store and the state moved by compare-and-set, so processes that
 * evaluate the same article at once agree, and only one announces a change.
 */
import type { Bus } from '../bus/bus.js';
import { evaluateAutoSlowMode } from '../domain/auto-slow-mode.js';
import type { Deps } from '../domain/deps.js';

export interface AutoSlowModeRunner {
  /** Runs one evaluation round, after any under way (the timer calls it; tests may). Resolves when it is done. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a round under way. */
  stop(): Promise<void>;
}

export function startAutoSlowMode(deps: Deps, bus: Bus, options: { everyMs: number }): AutoSlowModeRunner {
  const commentedOn = new Set<string>();
  const stopListening = bus.subscribe('articleChange', ({ change }) => {
    if (change.kind === 'comment.created') commentedOn.add(change.articleId);
  });
  let rounds: Promise<void> = Promise.resolve();
  let pending = 0;

  const evaluateAll = async () => {
    const ids = new Set(commentedOn);
    commentedOn.clear();
    for (const id of await deps.store.listAutoSlowModeEngaged()) ids.add(id);
    for (const articleId of ids) {
      try {
        await evaluateAutoSlowMode(deps, articleId);
      } catch (err) {
        deps.log.error({ err, articleId }, 'automatic slow mode: evaluation failed');
      }
    }
  };

  // Rounds run one after another, never side by side.
  const tick = (): Promise<void> => {
    pending += 1;
    rounds = rounds
      .then(evaluateAll)
      .catch((err: unknown) => deps.log.error({ err }, 'automatic slow mode: round failed'))
      .finally(() => {
        pending -= 1;
      });
    return rounds;
  };

  // A slow store makes the timer's rounds further apart; it never piles them up.
  const timer = setInterval(() => {
    if (pending === 0) void tick();
  }, options.everyMs);
  timer.unref();

  return {
    tick,
    async stop() {
      clearInterval(timer);
      stopListening();
      await rounds;
    },
  };
}
