/**
 * The floor, live (issue 13): paragraphs of the statement stream, posted by whoever may speak now
 * (shared/debate/statements.ts speakingRight: the debaters whose phase it is, the host for them, a
 * hand given the floor until their turn ends) and read back as the debate's transcript.
 */
import { speakingRight, type StatementView, type Transcript } from '../../../shared/debate/statements.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { assertMayWrite } from '../moderation/standing.js';
import type { Actor } from '../users.js';
import { loadDebate } from './access.js';

/** Paragraphs in one transcript answer; a longer transcript is read in pages (`sinceSeq`). */
export const TRANSCRIPT_PAGE = 500;

/**
 * Appends one paragraph to the stream with the debate's next seq, as spoken by `actor`, and then
 * (after the commit, DESIGN rule 1) announces it on the bus. Refused with FORBIDDEN for anyone who
 * may not speak now, and INVALID_TRANSITION outside a phase in progress.
 */
export async function postStatement(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; text: string },
): Promise<StatementView> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to take part in the debate.');
  const { debate, session } = await loadDebate(deps, input.debateId);
  const now = deps.now();
  const right = speakingRight(session.state, session.plan, debate, actor.id, now.getTime());
  if (!right.ok) throw new AppError(right.code, right.reason);
  await assertMayWrite(deps, actor.id);
  const statement = await deps.store.appendStatement({
    debateId: debate.id,
    phaseIndex: right.phaseIndex,
    speaker: { userId: actor.id, name: actor.name, positionId: right.positionId },
    via: right.via,
    text: input.text,
    createdAt: now.toISOString(),
  });
  await deps.bus.publish('debateStatement', { statement });
  return statement;
}

/** The debate's paragraphs after `sinceSeq` (at most TRANSCRIPT_PAGE), oldest first, and its newest seq. */
export async function transcriptOf(deps: Deps, debateId: string, sinceSeq: number): Promise<Transcript> {
  const debate = await deps.store.getDebate(debateId);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  // The newest seq is read first: every paragraph up to it is either in this page or in the next.
  const seq = await deps.store.lastStatementSeq(debate.id);
  const statements = await deps.store.listStatements(debate.id, sinceSeq, TRANSCRIPT_PAGE);
  return { debateId: debate.id, statements: statements.filter((s) => s.seq <= seq), seq };
}
