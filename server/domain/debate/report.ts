/**
 * After the session: the report and its Markdown export — the motion, the plan as it ran, both votes
 * and the swing (with a chart), each position's final summary, the most credited and most voted
 * comments per position, and the answered questions.
 */
import { UNDECIDED, type DebateReport, type PhaseAsRun, type PhasePlan } from '../../../shared/debate/model.js';
import { positionDocName } from '../../../shared/doc-names.js';
import { viewComment } from '../comments.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../users.js';
import { loadDebate, roleIn } from './access.js';
import { readSummaryMarkdown } from './summary-text.js';
import { resultsOf } from './view.js';

const TOP = 3;

export async function buildReport(deps: Deps, actor: Actor | null, debateId: string): Promise<DebateReport> {
  const loaded = await loadDebate(deps, debateId);
  const { debate, session } = loaded;
  const privileged = roleIn(debate, actor).kind === 'host' || (actor !== null && actor.role !== 'reader');
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
  const phases = session.plan.map((phase: PhasePlan, index): PhaseAsRun => {
    const runs = session.state.log.filter((entry) => entry.phaseIndex === index);
    const actual = runs.reduce(
      (sum, r) => sum + (r.endedAt ? (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000 : 0),
      0,
    );
    return {
      title: phase.title,
      plannedSeconds: phase.durationSeconds,
      actualSeconds: runs.length > 0 ? Math.round(actual) : null,
      extendedBySeconds: runs.reduce((sum, r) => sum + r.extendedBySeconds, 0),
      skipped: runs.length > 0 && runs.every((r) => r.skipped),
    };
  });
  const questions = (await deps.store.listQuestions(debate.id)).filter((q) => q.state === 'answered');
  return {
    debateId: debate.id,
    motion: debate.motion,
    article: { slug: article?.slug ?? '', title: article?.title ?? '' },
    host: await name(debate.hostId),
    positions,
    phases,
    results: await resultsOf(deps, loaded),
    answeredQuestions: questions.map((q) => ({
      name: q.name,
      text: q.text,
      upvotes: q.upvotes,
      answeredAt: q.answeredAt,
    })),
  };
}

const minutes = (s: number | null) =>
  s === null ? '—' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const bar = (percent: number) => '█'.repeat(Math.round(percent / 2.5)) + (percent > 0 && percent < 2.5 ? '▏' : '');
const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const quote = (s: string) =>
  s
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/** The report as Markdown, readable as plain text and rendered by any Markdown viewer. */
export function reportMarkdown(r: DebateReport): string {
  const nameOf = (id: string) => (id === UNDECIDED ? 'Undecided' : (r.positions.find((p) => p.id === id)?.name ?? id));
  const width = Math.max(...r.results.positions.map((p) => nameOf(p.positionId).length), 9);
  const lines: string[] = [
    `# Debate report: ${r.motion}`,
    '',
    `On the article “${r.article.title}”. Hosted by ${r.host}.`,
    '',
    '## The plan as it ran',
    '',
    '| # | Phase | Planned | Actual | Extended | Skipped |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.phases.map(
      (p, i) =>
        `| ${i + 1} | ${escapeCell(p.title)} | ${minutes(p.plannedSeconds)} | ${minutes(p.actualSeconds)} | ${p.extendedBySeconds ? `+${p.extendedBySeconds} s` : ''} | ${p.skipped ? 'yes' : ''} |`,
    ),
    '',
    '## The vote',
    '',
    `${r.results.preTotal} votes before, ${r.results.postTotal} after.`,
    '',
    '| Position | Before | After | Swing |',
    '| --- | --- | --- | --- |',
    ...r.results.positions.map(
      (p) =>
        `| ${escapeCell(nameOf(p.positionId))} | ${p.prePercent}% (${p.pre}) | ${p.postPercent}% (${p.post}) | ${p.swing > 0 ? '+' : ''}${p.swing} |`,
    ),
    '',
    '```text',
    ...r.results.positions.flatMap((p) => [
      `${nameOf(p.positionId).padEnd(width)}  before ${bar(p.prePercent)} ${p.prePercent}%`,
      `${''.padEnd(width)}  after  ${bar(p.postPercent)} ${p.postPercent}%   swing ${p.swing > 0 ? '+' : ''}${p.swing}`,
    ]),
    '```',
    '',
    r.results.winner
      ? `**Winner: ${nameOf(r.results.winner)}**, the position that gained most.`
      : 'No winner: no position gained more than every other.',
    '',
    '## Position summaries',
  ];
  for (const p of r.positions) {
    lines.push(
      '',
      `### ${p.name}`,
      '',
      `Debaters: ${p.debaters.join(', ') || 'none'}.`,
      '',
      p.summary || '_No summary was written._',
    );
  }
  lines.push('', '## Comments that changed minds');
  for (const p of r.positions) {
    lines.push('', `### ${p.name}`, '');
    if (p.mostCredited.length === 0) lines.push('_None credited._');
    for (const { comment, credits } of p.mostCredited)
      lines.push(quote(comment.body), `— ${comment.authorName}, credited by ${credits}`, '');
  }
  lines.push('', '## Most voted comments');
  for (const p of r.positions) {
    lines.push('', `### ${p.name}`, '');
    if (p.mostVoted.length === 0) lines.push('_No comments argued this position._');
    for (const c of p.mostVoted) lines.push(quote(c.body), `— ${c.authorName}, ${c.upvotes - c.downvotes} points`, '');
  }
  lines.push('', '## Answered questions', '');
  if (r.answeredQuestions.length === 0) lines.push('_No questions were answered._');
  for (const q of r.answeredQuestions) lines.push(`- ${q.text} (${q.name}, ${q.upvotes} upvotes)`);
  return lines.join('\n') + '\n';
}
