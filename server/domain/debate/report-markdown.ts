/**
 * A debate's report as Markdown, readable as plain text and rendered alike by any Markdown viewer:
 * GET /api/debates/:id/export.md.
 */
import { UNDECIDED, type DebateReport } from '../../../shared/debate/model.js';
import { countOf } from '../../../shared/plural.js';
import { commonGroundMarkdown } from './report-ground-markdown.js';

const minutes = (s: number | null) =>
  s === null ? '—' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const bar = (percent: number) => '█'.repeat(Math.round(percent / 2.5)) + (percent > 0 && percent < 2.5 ? '▏' : '');
const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

/**
 * A quotation and who said it: the text as a blockquote, then a blank line and the attribution as
 * its own paragraph. Without the blank line Markdown carries the "— name" line into the quote
 * (lazy continuation), so the attribution would read as part of what was said.
 */
function quoted(body: string, attribution: string): string[] {
  const lines = body.split('\n').map((l) => (l.trim() === '' ? '>' : `> ${l}`));
  return [...lines, '', attribution, ''];
}

function transcriptSection(r: DebateReport): string[] {
  const lines = ['', '## Transcript'];
  if (r.transcript.length === 0) return [...lines, '', '_Nothing was said on the floor._'];
  for (const phase of r.transcript) {
    lines.push('', `### ${phase.title}`, '');
    for (const s of phase.statements) {
      const who = s.positionName ? `${s.speaker} (${s.positionName})` : s.speaker;
      const via = s.via === 'floor' ? ', given the floor' : s.via === 'host' ? ', host' : '';
      lines.push(`**${who}${via}:** ${s.text.replace(/\n+/g, ' ')}`, '');
    }
    lines.pop();
  }
  return lines;
}

/** The report as Markdown: every section of the report page, in the same order. */
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
    ...transcriptSection(r),
    '',
    '## The vote',
    '',
    `${countOf(r.results.preTotal, 'vote')} before, ${r.results.postTotal} after.`,
    '',
    '| Position | Before | After | Swing |',
    '| --- | --- | --- | --- |',
    ...r.results.positions.map(
      (p) =>
        `| ${escapeCell(nameOf(p.positionId))} | ${p.prePercent}% (${p.pre}) | ${p.postPercent}% (${p.post}) | ${signed(p.swing)} |`,
    ),
    '',
    '```text',
    ...r.results.positions.flatMap((p) => [
      `${nameOf(p.positionId).padEnd(width)}  before ${bar(p.prePercent)} ${p.prePercent}%`,
      `${''.padEnd(width)}  after  ${bar(p.postPercent)} ${p.postPercent}%   swing ${signed(p.swing)}`,
    ]),
    '```',
    '',
    r.results.winner
      ? `**Winner: ${nameOf(r.results.winner)}**, the position that gained most.`
      : 'No winner: no position gained more than every other.',
    ...commonGroundMarkdown(r.commonGround),
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
      lines.push(...quoted(comment.body, `— ${comment.authorName}, credited by ${countOf(credits, 'reader')}`));
  }
  lines.push('', '## Most voted comments');
  for (const p of r.positions) {
    lines.push('', `### ${p.name}`, '');
    if (p.mostVoted.length === 0) lines.push('_No comments argued this position._');
    for (const c of p.mostVoted)
      lines.push(...quoted(c.body, `— ${c.authorName}, ${countOf(c.upvotes - c.downvotes, 'point')}`));
  }
  lines.push('', '## Answered questions', '');
  if (r.answeredQuestions.length === 0) lines.push('_No questions were answered._');
  for (const q of r.answeredQuestions) lines.push(`- ${q.text} (${q.name}, ${countOf(q.upvotes, 'upvote')})`);
  // One trailing newline, however the last section ended.
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
