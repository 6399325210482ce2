/**
 * The audience's part in a debate: vote on the motion before and after (one vote per person per
 * round, changeable while the round is open), raise a hand, ask and upvote questions (Slido style),
 * and credit the comments that changed their mind.
 */
import { UNDECIDED } from '../../../shared/debate/model.js';
import type { QuestionRecord } from '../../store/debate-store.js';
import { StoreConflictError } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { assertMayWrite } from '../moderation/standing.js';
import type { Actor } from '../users.js';
import { loadDebate, requireHost } from './access.js';
import { openRound } from '../../../shared/debate/machine.js';

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to take part in the debate.');
  return actor;
}

export async function castDebateVote(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; positionId: string },
): Promise<{ round: 'pre' | 'post'; positionId: string }> {
  const voter = signedIn(actor);
  const { debate, session } = await loadDebate(deps, input.debateId);
  const round = openRound(session.state, session.plan);
  if (!round) throw new AppError('INVALID_TRANSITION', 'Voting is not open now.');
  if (input.positionId !== UNDECIDED && !debate.positions.some((p) => p.id === input.positionId)) {
    throw new AppError('VALIDATION_FAILED', 'Vote for one of the positions or "undecided".');
  }
  await deps.store.castDebateVote({
    debateId: debate.id,
    round,
    userId: voter.id,
    positionId: input.positionId,
    at: deps.now().toISOString(),
  });
  await deps.bus.publish('debateAudience', { debateId: debate.id, part: 'votes' });
  // Voting before the start says "I'll be there": the voter follows the debate, so hears when it goes live (issue 15).
  if (round === 'pre' && session.state.status !== 'live') await deps.store.setDebateFollow(debate.id, voter.id, true);
  return { round, positionId: input.positionId };
}

/** A user raises or lowers their own hand; the host may lower anyone's. */
export async function setHand(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; raised: boolean; userId?: string | undefined },
): Promise<void> {
  const me = signedIn(actor);
  const { debate, session } = await loadDebate(deps, input.debateId);
  const target = input.userId ?? me.id;
  if (target !== me.id) requireHost(debate, me);
  if (input.raised) {
    if (target !== me.id) throw new AppError('FORBIDDEN', 'Only you can raise your hand.');
    if (session.state.status === 'closed') throw new AppError('INVALID_TRANSITION', 'The debate is over.');
    await assertMayWrite(deps, me.id);
    await deps.store.raiseHand({
      debateId: debate.id,
      userId: me.id,
      name: me.name,
      raisedAt: deps.now().toISOString(),
    });
  } else {
    await deps.store.lowerHand(debate.id, target);
  }
  await deps.bus.publish('debateAudience', { debateId: debate.id, part: 'hands' });
}

export async function askQuestion(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; text: string },
): Promise<QuestionRecord> {
  const me = signedIn(actor);
  await assertMayWrite(deps, me.id);
  const { debate, session } = await loadDebate(deps, input.debateId);
  if (session.state.status === 'closed' || session.state.status === 'results')
    throw new AppError('INVALID_TRANSITION', 'Questions are closed.');
  const wait = await deps.limits.comments.take(`question:${me.id}`);
  if (wait > 0)
    throw new AppError('RATE_LIMITED', `You are asking too fast. Try again in ${Math.ceil(wait / 1000)} s.`);
  const question = await deps.store.addQuestion({
    debateId: debate.id,
    userId: me.id,
    name: me.name,
    text: input.text,
    createdAt: deps.now().toISOString(),
  });
  await deps.bus.publish('debateAudience', { debateId: debate.id, part: 'questions' });
  return question;
}

export async function upvoteQuestion(deps: Deps, actor: Actor | null, questionId: string): Promise<number> {
  const me = signedIn(actor);
  const question = await deps.store.getQuestion(questionId);
  if (!question) throw new AppError('NOT_FOUND', 'No such question.');
  if (question.userId === me.id) throw new AppError('FORBIDDEN', 'You cannot upvote your own question.');
  let upvotes: number;
  try {
    upvotes = await deps.store.upvoteQuestion(question.id, me.id);
  } catch (err) {
    if (err instanceof StoreConflictError) throw new AppError('CONFLICT', 'You upvoted this question already.');
    throw err;
  }
  await deps.bus.publish('debateAudience', { debateId: question.debateId, part: 'questions' });
  return upvotes;
}

/** The host picks the next question ('current') or marks one answered. */
export async function setQuestionState(
  deps: Deps,
  actor: Actor | null,
  input: { questionId: string; state: 'open' | 'current' | 'answered' },
): Promise<QuestionRecord> {
  const question = await deps.store.getQuestion(input.questionId);
  if (!question) throw new AppError('NOT_FOUND', 'No such question.');
  const { debate } = await loadDebate(deps, question.debateId);
  requireHost(debate, actor);
  const updated = await deps.store.setQuestionState(question.id, input.state, deps.now().toISOString());
  if (!updated) throw new AppError('NOT_FOUND', 'No such question.');
  await deps.bus.publish('debateAudience', { debateId: debate.id, part: 'questions' });
  return updated;
}

/** "Changed my mind": a reader whose vote moved between the rounds credits the comments that moved them. */
export async function creditComments(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; commentIds: string[] },
): Promise<number> {
  const me = signedIn(actor);
  const { debate } = await loadDebate(deps, input.debateId);
  const pre = await deps.store.getDebateVote(debate.id, 'pre', me.id);
  const post = await deps.store.getDebateVote(debate.id, 'post', me.id);
  if (!pre || !post || pre === post)
    throw new AppError('FORBIDDEN', 'Only someone whose vote changed between the rounds can credit comments.');
  const comments = await deps.store.getComments(input.commentIds);
  if (
    comments.length !== new Set(input.commentIds).size ||
    comments.some((c) => c.articleId !== debate.articleId || c.status !== 'visible')
  ) {
    throw new AppError('NOT_FOUND', 'Credit visible comments of this debate’s article.');
  }
  let credited = 0;
  for (const c of comments) {
    if (c.authorId === me.id) continue;
    if (
      await deps.store.creditComment({
        debateId: debate.id,
        userId: me.id,
        commentId: c.id,
        at: deps.now().toISOString(),
      })
    )
      credited++;
  }
  return credited;
}
