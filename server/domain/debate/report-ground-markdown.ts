/**
 * The "Common ground" section of a debate report's Markdown (issue 16): the opinion groups, what
 * every group agrees with, what divides them, and where each position's supporters sit. Counts and
 * shares only: no reader's votes.
 */
import type { GroundAnalysis, GroundStatement, VoteSplit } from '../../../shared/common-ground.js';
import { MIN_PARTICIPANTS, MIN_VOTES_PER_PARTICIPANT } from '../../../shared/common-ground.js';
import type { DebateReport } from '../../../shared/debate/model.js';
import { countOf } from '../../../shared/plural.js';

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const agreeShare = (s: VoteSplit) => {
  const voted = s.agree + s.disagree + s.pass;
  return voted === 0 ? '—' : `${Math.round((100 * s.agree) / voted)}%`;
};

function standingTable(
  title: string,
  empty: string,
  rows: GroundAnalysis['consensus'],
  analysis: GroundAnalysis,
  textOf: (id: string) => string,
): string[] {
  const lines = ['', `### ${title}`, ''];
  if (rows.length === 0) return [...lines, `_${empty}_`];
  const labels = analysis.groups.map((g) => `Group ${g.label} agrees`);
  lines.push(`| Statement | ${labels.join(' | ')} |`, `| --- |${labels.map(() => ' --- |').join('')}`);
  for (const row of rows)
    lines.push(`| ${escapeCell(textOf(row.statementId))} | ${row.groups.map(agreeShare).join(' | ')} |`);
  return lines;
}

export function commonGroundMarkdown(ground: DebateReport['commonGround']): string[] {
  const lines = ['', '## Common ground', ''];
  if (!ground) return [...lines, '_No statements were put to the audience._'];
  const { statements, analysis } = ground;
  const textOf = (id: string) => statements.find((s: GroundStatement) => s.id === id)?.text ?? '(withdrawn)';
  lines.push(`${countOf(statements.length, 'statement')}, ${countOf(analysis?.voters ?? 0, 'reader')} voted on them.`);
  if (!analysis || analysis.groups.length === 0)
    return [
      ...lines,
      '',
      `_Too few votes for opinion groups: they form once ${MIN_PARTICIPANTS} people have voted on ${MIN_VOTES_PER_PARTICIPANT} statements each._`,
    ];
  lines.push(
    '',
    `Opinion groups: ${analysis.groups.map((g) => `Group ${g.label} (${countOf(g.size, 'person', 'people')})`).join(', ')}.`,
  );
  lines.push(
    ...standingTable(
      'Where every group agrees',
      'No statement has every group’s agreement.',
      analysis.consensus,
      analysis,
      textOf,
    ),
    ...standingTable(
      'Where the groups divide',
      'No statement divides the groups.',
      analysis.divisive,
      analysis,
      textOf,
    ),
  );
  if (analysis.positions.length > 0) {
    const labels = analysis.groups.map((g) => `Group ${g.label}`);
    lines.push('', '### Where each position’s supporters sit', '');
    lines.push(
      `| Position | ${labels.join(' | ')} | Not placed |`,
      `| --- |${labels.map(() => ' --- |').join('')} --- |`,
    );
    for (const p of analysis.positions)
      lines.push(`| ${escapeCell(p.name)} | ${p.groups.join(' | ')} | ${p.unplaced} |`);
  }
  return lines;
}
