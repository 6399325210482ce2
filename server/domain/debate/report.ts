/**
 * After the session: the report (its Markdown export is report-markdown.ts) — the motion, the plan
 * as it ran, the transcript per phase, both votes and the swing, each position's final summary, the
 * most credited and most voted comments per position, and the answered questions.
 */
import type { DebateReport, DebateState, PhaseAsRun, PhasePlan } from '../../../shared/debate/model.js';
import { positionDocName } from '../../../shared/doc-names.js';
import { isStaff } from '../../../shared/types.js';
import { toGroundStatement } from '../common-ground/statements.js';
import { viewComment } from '../comments.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../users.js';
import { loadDebate, roleIn } from './access.js';
import { transcriptByPhase } from './report-transcript.js';
import { readSummaryMarkdown } from './summary-text.js';
import { resultsOf } from './view.js';

const TOP = 3;

/** The phases have ended: the session is past them (post-vote, results or closed). */
const pastThePhases = (state: DebateState) =>
  state.status === 'post-vote' || state.status === 'results' || state.status === 'closed';

/**
 * Each planned phase as it ran. A phase counts as skipped when its last run was ended by Skip, or
 * when it never ran although the debate went past it (a later phase ran, or the host opened the
 * post-vote early): the audience saw it skipped either way.
 */
export function phasesAsRun(plan: PhasePlan[], state: DebateState): PhaseAsRun[] {
  const furthest = Math.max(-1, ...state.log.map((entry) => entry.phaseIndex));
  return plan.map((phase, index): PhaseAsRun => {
    const runs = state.log.filter((entry) => entry.phaseIndex === index);
    const actual = runs.reduce(
      (sum, r) => sum + (r.endedAt ? (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000 : 0),
      0,
    );
    const passedOver = runs.length === 0 && state.log.length > 0 && (index < furthest || pastThePhases(state));
    return {
      title: phase.title,
      plannedSeconds: phase.durationSeconds,
      actualSeconds: runs.length > 0 ? Math.round(actual) : null,
      extendedBySeconds: runs.reduce((sum, r) => sum + r.extendedBySeconds, 0),
      skipped: (runs.at(-1)?.skipped ?? false) || passedOver,
    };
  });
}

export async function buildReport(deps: Deps, actor: Actor | null, debateId: string): Promise<DebateReport> {
  const loaded = await loadDebate(deps, debateId);
  const { debate, session } = loaded;
  const privileged = roleIn(debate, actor).kind === 'host' || (actor !== null && isStaff(actor.role));
  const finished =
    session.state.status === 'closed' || (session.state.status === 'results' && session.state.resultsRevealed);
  if (!finished && !privileged)
    throw new AppError('FORBIDDEN', 'The report opens when the host has revealed the results.');
  const article = await deps.store.getArticle(debate.articleId);
  const name = async (id: string) => (await deps.store.getUser(id))?.name ?? 'unknown';

  const credits = await deps.store.listCredits(debate.id);
  const credited = new Map((await deps.store.getComments(credits.map((c) => c.commentId))).map((c) => [c.id, c]));
  const positions = [];
  for (const p of debate.positions) {
    const top = await deps.store.listComments({
      articleId: debate.articleId,
      parentId: null,
      sort: 'top',
      limit: TOP,
      positionId: p.id,
    });
    positions.push({
      id: p.id,
      name: p.name,
      debaters: await Promise.all(p.debaterIds.map(name)),
      summary: await readSummaryMarkdown(deps, positionDocName(debate.id, p.id)),
      mostCredited: credits
        .filter(
          (c) => credited.get(c.commentId)?.positionId === p.id && credited.get(c.commentId)?.status === 'visible',
        )
        .slice(0, TOP)
        .map((c) => ({ comment: viewComment(credited.get(c.commentId)!, null), credits: c.credits })),
      mostVoted: top.items.filter((c) => c.status === 'visible').map((c) => viewComment(c, null)),
    });
  }
  const phases = phasesAsRun(session.plan, session.state);
  const questions = (await deps.store.listQuestions(debate.id)).filter((q) => q.state === 'answered');
  return {
    debateId: debate.id,
    motion: debate.motion,
    article: { slug: article?.slug ?? '', title: article?.title ?? '' },
    host: await name(debate.hostId),
    positions,
    phases,
    transcript: await transcriptByPhase(deps, debate.id, session.plan, debate.positions),
    results: await resultsOf(deps, loaded),
    answeredQuestions: questions.map((q) => ({
      name: q.name,
      text: q.text,
      upvotes: q.upvotes,
      answeredAt: q.answeredAt,
    })),
    commonGround: await commonGroundOf(deps, debate.id),
  };
}

/** The debate's statements and opinion groups (no individual votes: the analysis has none). */
async function commonGroundOf(deps: Deps, debateId: string): Promise<DebateReport['commonGround']> {
  const scope = { kind: 'debate', id: debateId } as const;
  const statements = await deps.store.listGroundStatements(scope, ['approved']);
  if (statements.length === 0) return null;
  return {
    statements: statements.map(toGroundStatement),
    analysis: deps.commonGround ? await deps.commonGround.analysis(scope) : null,
  };
}
