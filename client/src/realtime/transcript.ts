/**
 * A client's copy of a debate's statement stream, independent of React and of the socket. Paragraphs
 * carry the debate's seq (1, 2, 3 ... no gaps): the copy holds them in seq order without duplicates,
 * and keeps any that arrive beyond a gap aside until the gap is filled (DESIGN rule 3 for the
 * stream: `debate:transcript` from the applied seq fills it).
 */
import type { StatementView } from '../../../shared/debate/statements.js';

export interface TranscriptCopy {
  debateId: string;
  /** Paragraphs 1..n, in seq order. */
  statements: StatementView[];
  /** Paragraphs past a gap (seq > n + 1), in seq order, waiting for the missing ones. */
  pending: StatementView[];
}

export const emptyTranscript = (debateId: string): TranscriptCopy => ({ debateId, statements: [], pending: [] });

/** The seq up to which the copy is complete (0: nothing yet). */
export const appliedSeq = (copy: TranscriptCopy): number => copy.statements.at(-1)?.seq ?? 0;

/** True while paragraphs wait beyond a gap: ask for the transcript after `appliedSeq`. */
export const hasGap = (copy: TranscriptCopy): boolean => copy.pending.length > 0;

/**
 * The copy with `incoming` added (live paragraphs or a transcript page, in any order): duplicates
 * and other debates' paragraphs are dropped, the complete part grows while the next seq is at hand.
 * Returns the same object when nothing changed.
 */
export function mergeStatements(copy: TranscriptCopy, incoming: StatementView[]): TranscriptCopy {
  const applied = appliedSeq(copy);
  const fresh = incoming.filter((s) => s.debateId === copy.debateId && s.seq > applied);
  if (fresh.length === 0) return copy;
  const bySeq = new Map<number, StatementView>();
  for (const s of [...copy.pending, ...fresh]) if (!bySeq.has(s.seq)) bySeq.set(s.seq, s);
  const waiting = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const statements = [...copy.statements];
  let next = applied + 1;
  while (waiting.length > 0 && waiting[0]!.seq === next) {
    statements.push(waiting.shift()!);
    next += 1;
  }
  return { debateId: copy.debateId, statements, pending: waiting };
}
