/**
 * Stance badges on comments: every comment keeps the position it was posted with, in its own
 * debate, so the names come from all of the article's debates, not only the current one.
 */
import type { DebateSummary } from '../../../../shared/events.js';

/** A position a comment can be tagged with, labelled for the reader. */
export interface StanceLabel {
  id: string;
  /** "Pakistan", or "Pakistan · debate 1" when the article has held several debates. */
  name: string;
}

const byAge = (a: DebateSummary, b: DebateSummary) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/** "debate 1", "debate 2": an article's debates numbered in the order they were created. */
export function debateNumbers(debates: readonly DebateSummary[]): Map<string, number> {
  return new Map([...debates].sort(byAge).map((d, i) => [d.id, i + 1]));
}

/**
 * The stance labels of every position of every debate, oldest debate first. With one debate the
 * position's name says it all; with several, the debate's number tells which debate it was.
 */
export function stanceLabels(debates: readonly DebateSummary[]): StanceLabel[] {
  const numbers = debateNumbers(debates);
  const several = debates.length > 1;
  return [...debates]
    .sort(byAge)
    .flatMap((d) =>
      d.positions.map((p) => ({ id: p.id, name: several ? `${p.name} · debate ${numbers.get(d.id)}` : p.name })),
    );
}
