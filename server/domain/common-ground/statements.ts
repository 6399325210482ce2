/**
 * Common ground's use cases (issue 16): who may add, propose, approve and vote on statements, and
 * what each viewer is told. Votes never leave this module with a voter attached except the
 * viewer's own (the opinion groups see them as an anonymous matrix: groups.ts).
 */
import {
  STATEMENT_LIMITS,
  scopeKey,
  type GroundProposal,
  type GroundDecision,
  type GroundScope,
  type GroundStatement,
  type GroundVote,
} from '../../../shared/common-ground.js';
import { isStaff } from '../../../shared/types.js';
import { AppError } from '../../errors.js';
import type { GroundStatementRecord } from '../../store/ground-store.js';
import type { Deps } from '../deps.js';
import { assertMayWrite } from '../moderation/standing.js';
import type { Actor } from '../users.js';

export const toGroundStatement = (r: GroundStatementRecord): GroundStatement => ({
  id: r.id,
  scope: r.scope,
  text: r.text,
  status: r.status,
  commentId: r.commentId,
  createdAt: r.createdAt,
});

/** The article a scope belongs to, and the debate's host for a debate; NOT_FOUND for an unknown scope. */
export async function loadScope(deps: Deps, scope: GroundScope): Promise<{ articleId: string; hostId: string | null }> {
  if (scope.kind === 'article') {
    const article = await deps.store.getArticle(scope.id);
    if (!article) throw new AppError('NOT_FOUND', 'No such article.');
    return { articleId: article.id, hostId: null };
  }
  const debate = await deps.store.getDebate(scope.id);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  return { articleId: debate.articleId, hostId: debate.hostId };
}

/** Moderators and admins manage every scope; a debate's host manages that debate's statements. */
export async function managesScope(deps: Deps, actor: Actor | null, scope: GroundScope): Promise<boolean> {
  if (!actor) return false;
  if (isStaff(actor.role)) return true;
  return (await loadScope(deps, scope)).hostId === actor.id;
}

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to take part.');
  return actor;
}

/** The text a comment gives a statement: taken as written, refused when too long to be one. */
async function commentText(deps: Deps, commentId: string, articleId: string): Promise<string> {
  const comment = await deps.store.getComment(commentId);
  if (!comment || comment.articleId !== articleId || comment.status !== 'visible')
    throw new AppError('NOT_FOUND', 'No such comment on this article.');
  const text = comment.body.trim().replace(/\s+/g, ' ');
  if (text.length < STATEMENT_LIMITS.textMin || text.length > STATEMENT_LIMITS.textMax)
    throw new AppError(
      'VALIDATION_FAILED',
      `A statement is ${STATEMENT_LIMITS.textMin} to ${STATEMENT_LIMITS.textMax} characters; this comment has ${text.length}.`,
    );
  return text;
}

/**
 * Adds a statement: approved at once from those who manage the scope, a waiting proposal from
 * anyone else. Marking a comment is for managers only.
 */
export async function proposeStatement(
  deps: Deps,
  actor: Actor | null,
  input: { scope: GroundScope; text?: string; commentId?: string },
): Promise<GroundStatementRecord> {
  const me = signedIn(actor);
  await assertMayWrite(deps, me.id);
  const { articleId } = await loadScope(deps, input.scope);
  const manager = await managesScope(deps, me, input.scope);
  if (input.commentId !== undefined && !manager)
    throw new AppError('FORBIDDEN', 'Moderators and the debate’s host make comments statements.');
  const approved = await deps.store.listGroundStatements(input.scope, ['approved']);
  if (approved.length >= STATEMENT_LIMITS.perScope)
    throw new AppError(
      'CONFLICT',
      `This discussion has ${STATEMENT_LIMITS.perScope} statements, the most it can hold.`,
    );
  if (!manager && (await deps.store.countWaitingProposals(input.scope, me.id)) >= STATEMENT_LIMITS.waitingPerReader)
    throw new AppError(
      'RATE_LIMITED',
      `You have ${STATEMENT_LIMITS.waitingPerReader} statements waiting for a moderator. Wait for a decision first.`,
    );
  if (!manager) {
    const wait = await deps.limits.comments.take(`statement:${me.id}`);
    if (wait > 0)
      throw new AppError('RATE_LIMITED', `You are proposing too fast. Try again in ${Math.ceil(wait / 1000)} s.`);
  }
  const text = input.commentId !== undefined ? await commentText(deps, input.commentId, articleId) : input.text!;
  const duplicate = [...approved, ...(await deps.store.listGroundStatements(input.scope, ['proposed']))].find(
    (s) => s.text.toLocaleLowerCase() === text.toLocaleLowerCase(),
  );
  if (duplicate) throw new AppError('CONFLICT', 'That statement is here already.');
  const now = deps.now().toISOString();
  const statement = await deps.store.addGroundStatement({
    scope: input.scope,
    text,
    status: manager ? 'approved' : 'proposed',
    commentId: input.commentId ?? null,
    proposedBy: me.id,
    decidedBy: manager ? me.id : null,
    decidedAt: manager ? now : null,
    createdAt: now,
  });
  await deps.bus.publish('groundStatements', { scope: input.scope, decided: null });
  return statement;
}

/**
 * Approves or rejects a waiting proposal, or withdraws an approved statement (managers; its votes
 * stay stored but count no more); ALREADY_HANDLED when someone decided first.
 */
export async function decideStatement(
  deps: Deps,
  actor: Actor | null,
  input: { statementId: string; decision: GroundDecision },
): Promise<GroundStatementRecord> {
  const me = signedIn(actor);
  const statement = await deps.store.getGroundStatement(input.statementId);
  if (!statement) throw new AppError('NOT_FOUND', 'No such statement.');
  if (!(await managesScope(deps, me, statement.scope)))
    throw new AppError('FORBIDDEN', 'Moderators and the debate’s host decide on statements.');
  if (input.decision === 'approve') {
    const approved = await deps.store.listGroundStatements(statement.scope, ['approved']);
    if (approved.length >= STATEMENT_LIMITS.perScope)
      throw new AppError(
        'CONFLICT',
        `This discussion has ${STATEMENT_LIMITS.perScope} statements, the most it can hold.`,
      );
  }
  const withdraw = input.decision === 'withdraw';
  const decided = await deps.store.decideGroundStatement(input.statementId, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: me.id,
    decidedAt: deps.now().toISOString(),
    from: withdraw ? 'approved' : 'proposed',
  });
  if (!decided)
    throw new AppError(
      'ALREADY_HANDLED',
      withdraw
        ? 'This statement is not up for votes (withdrawn already?).'
        : 'Someone decided on this statement already.',
    );
  // A withdrawal is no news for the proposer (their statement was approved once); lists change alike.
  await deps.bus.publish('groundStatements', { scope: decided.scope, decided: withdraw ? null : decided });
  return decided;
}

/** One vote per reader per approved statement; a second vote changes it. */
export async function castStatementVote(
  deps: Deps,
  actor: Actor | null,
  input: { statementId: string; vote: GroundVote },
): Promise<{ statementId: string; vote: GroundVote }> {
  const me = signedIn(actor);
  // The same rule as votes on comments (moderation/standing.ts): a banned or muted reader waits.
  await assertMayWrite(deps, me.id);
  const statement = await deps.store.getGroundStatement(input.statementId);
  if (!statement || statement.status !== 'approved') throw new AppError('NOT_FOUND', 'No such statement.');
  // The same budget as votes on comments: a reader going down a list of statements stays well inside it.
  const wait = await deps.limits.votes.take(me.id);
  if (wait > 0)
    throw new AppError('RATE_LIMITED', `You are voting too fast. Try again in ${Math.ceil(wait / 1000)} s.`);
  const now = deps.now();
  await deps.store.castGroundVote({
    statementId: statement.id,
    userId: me.id,
    vote: input.vote,
    at: now.toISOString(),
  });
  await deps.bus.publish('groundVote', {
    scopeKey: scopeKey(statement.scope),
    statementId: statement.id,
    userId: me.id,
    vote: input.vote,
  });
  return { statementId: statement.id, vote: input.vote };
}

/** The scope's statements and the viewer's own part (the analysis comes from groups.ts). */
export async function statementsView(
  deps: Deps,
  actor: Actor | null,
  scope: GroundScope,
): Promise<{
  statements: GroundStatement[];
  myVotes: Record<string, GroundVote>;
  myProposals: GroundStatement[];
  canManage: boolean;
  proposals: GroundProposal[];
}> {
  await loadScope(deps, scope);
  const canManage = await managesScope(deps, actor, scope);
  const [approved, proposed, mine] = await Promise.all([
    deps.store.listGroundStatements(scope, ['approved']),
    actor ? deps.store.listGroundStatements(scope, ['proposed']) : Promise.resolve([]),
    actor ? deps.store.listMyGroundVotes(scope, actor.id) : Promise.resolve([]),
  ]);
  return {
    statements: approved.map(toGroundStatement),
    myVotes: Object.fromEntries(mine.map((v) => [v.statementId, v.vote])),
    myProposals: proposed.filter((s) => s.proposedBy === actor?.id).map(toGroundStatement),
    canManage,
    proposals: canManage ? await proposalsOf(deps, proposed) : [],
  };
}

/** Waiting proposals as managers see them: with the proposer's name. */
export async function proposalsOf(deps: Deps, proposed: GroundStatementRecord[]): Promise<GroundProposal[]> {
  const names = new Map<string, string>();
  for (const id of new Set(proposed.map((s) => s.proposedBy).filter((id): id is string => id !== null))) {
    const user = await deps.store.getUser(id);
    if (user) names.set(id, user.name);
  }
  return proposed.map((s) => ({
    ...toGroundStatement(s),
    proposedBy: s.proposedBy && names.has(s.proposedBy) ? { id: s.proposedBy, name: names.get(s.proposedBy)! } : null,
  }));
}
