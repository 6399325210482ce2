import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { DebateReport } from '../../../shared/debate/model.js';
import type { Comment } from '../../../shared/types.js';
import { reportMarkdown } from './report-markdown.js';

const comment = (id: string, body: string, authorName: string, upvotes: number, downvotes = 0): Comment => ({
  id,
  articleId: 'a1',
  parentId: null,
  rootId: id,
  depth: 0,
  authorId: `u-${id}`,
  authorName,
  body,
  status: 'visible',
  seq: 1,
  createdAt: '2026-01-01T10:00:00.000Z',
  editedAt: null,
  upvotes,
  downvotes,
  replyCount: 0,
  featured: false,
  positionId: 'yes',
});

function report(extra: Partial<DebateReport> = {}): DebateReport {
  return {
    debateId: 'd1',
    motion: 'Talks will succeed',
    article: { slug: 'talks', title: 'Talks' },
    host: 'Hostess',
    positions: [
      {
        id: 'yes',
        name: 'Yes',
        debaters: ['Deb A'],
        summary: '',
        mostCredited: [{ comment: comment('c1', 'Once credited', 'Ann', 0), credits: 1 }],
        mostVoted: [comment('c2', 'One point', 'Ben', 1), comment('c3', 'Two\npoints', 'Cy', 3, 1)],
      },
      { id: 'no', name: 'No', debaters: [], summary: '', mostCredited: [], mostVoted: [] },
    ],
    phases: [
      { title: 'Opening: Yes', plannedSeconds: 120, actualSeconds: 100, extendedBySeconds: 0, skipped: false },
      { title: 'Opening: No', plannedSeconds: 120, actualSeconds: 5, extendedBySeconds: 0, skipped: true },
      { title: 'Closing', plannedSeconds: 60, actualSeconds: null, extendedBySeconds: 0, skipped: true },
    ],
    transcript: [
      {
        phaseIndex: 0,
        title: 'Opening: Yes',
        statements: [
          { speaker: 'Deb A', positionName: 'Yes', via: 'debater', text: 'First point.', createdAt: 'x' },
          { speaker: 'Deb A', positionName: 'Yes', via: 'debater', text: 'Second point.', createdAt: 'y' },
        ],
      },
      {
        phaseIndex: 1,
        title: 'Opening: No',
        statements: [
          { speaker: 'Zed', positionName: null, via: 'floor', text: 'A word from the floor.', createdAt: 'z' },
        ],
      },
    ],
    results: {
      positions: [
        { positionId: 'yes', pre: 1, post: 1, prePercent: 100, postPercent: 50, swing: -50 },
        { positionId: 'no', pre: 0, post: 1, prePercent: 0, postPercent: 50, swing: 50 },
        { positionId: 'undecided', pre: 0, post: 0, prePercent: 0, postPercent: 0, swing: 0 },
      ],
      preTotal: 1,
      postTotal: 2,
      winner: 'no',
    },
    answeredQuestions: [
      { name: 'Q1', text: 'Why now?', upvotes: 1, answeredAt: null },
      { name: 'Q2', text: 'Who pays?', upvotes: 2, answeredAt: null },
    ],
    commonGround: null,
    ...extra,
  };
}

/** The Markdown as a Markdown viewer would show it. */
const html = (md: string) => new Marked({ gfm: true, async: false }).parse(md) as string;

describe('reportMarkdown', () => {
  it('counts in the singular for one and the plural otherwise', () => {
    const md = reportMarkdown(report());
    expect(md).toContain('— Ben, 1 point\n');
    expect(md).toContain('— Cy, 2 points\n');
    expect(md).toContain('— Ann, credited by 1 reader\n');
    expect(md).toContain('- Why now? (Q1, 1 upvote)');
    expect(md).toContain('- Who pays? (Q2, 2 upvotes)');
    expect(md).toContain('1 vote before, 2 after.');
    expect(md).not.toMatch(/\b1 (points|upvotes|votes|readers)\b/);
  });

  it("puts a quote's attribution after the blockquote, not inside it", () => {
    const md = reportMarkdown(report());
    expect(md).toContain('> Two\n> points\n\n— Cy, 2 points\n');
    const rendered = html(md);
    const quotes = [...rendered.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((m) => m[1]!);
    expect(quotes).toHaveLength(3);
    for (const q of quotes) expect(q).not.toContain('—');
    expect(rendered).toContain('<p>— Cy, 2 points</p>');
    expect(rendered).toContain('<p>— Ann, credited by 1 reader</p>');
  });

  it('fills the Skipped column for a phase cut short by Skip and for one passed over', () => {
    const md = reportMarkdown(report());
    expect(md).toContain('| 1 | Opening: Yes | 2:00 | 1:40 |  |  |');
    expect(md).toContain('| 2 | Opening: No | 2:00 | 0:05 |  | yes |');
    expect(md).toContain('| 3 | Closing | 1:00 | — |  | yes |');
  });

  it('carries the transcript phase by phase, each statement with its speaker', () => {
    const md = reportMarkdown(report());
    expect(md).toContain(
      '## Transcript\n\n### Opening: Yes\n\n**Deb A (Yes):** First point.\n\n**Deb A (Yes):** Second point.\n\n### Opening: No\n\n**Zed, given the floor:** A word from the floor.\n\n## The vote',
    );
    expect(reportMarkdown(report({ transcript: [] }))).toContain('## Transcript\n\n_Nothing was said on the floor._');
  });

  it('ends with one newline', () => {
    const md = reportMarkdown(report());
    expect(md.endsWith('upvotes)\n')).toBe(true);
  });

  it('carries the common ground: groups, what every group agrees with, what divides them, the positions’ spread', () => {
    const split = (agree: number, disagree: number, pass = 0) => ({ agree, disagree, pass });
    const statement = (id: string, text: string) => ({
      id,
      scope: { kind: 'debate' as const, id: 'd1' },
      text,
      status: 'approved' as const,
      commentId: null,
      createdAt: '2026-12-06T10:00:00.000Z',
    });
    const md = reportMarkdown(
      report({
        commonGround: {
          statements: [statement('s1', 'Civilians must be protected'), statement('s2', 'The border | should close')],
          analysis: {
            scopeKey: 'debate:d1',
            version: 1,
            computedAt: '2026-12-06T10:00:00.000Z',
            voters: 9,
            participants: 8,
            groups: [
              { label: 'A', size: 5, center: [1, 0] },
              { label: 'B', size: 3, center: [-1, 0] },
            ],
            splits: { s1: split(8, 0), s2: split(5, 3) },
            consensus: [{ statementId: 's1', groups: [split(5, 0), split(3, 0)], score: 0.6 }],
            divisive: [{ statementId: 's2', groups: [split(5, 0), split(0, 3)], score: 1 }],
            points: [],
            projection: null,
            positions: [{ positionId: 'yes', name: 'Yes', groups: [4, 1], unplaced: 1 }],
          },
        },
      }),
    );
    expect(md).toContain('## Common ground\n\n2 statements, 9 readers voted on them.');
    expect(md).toContain('Opinion groups: Group A (5 people), Group B (3 people).');
    expect(md).toContain('### Where every group agrees\n\n| Statement | Group A agrees | Group B agrees |');
    expect(md).toContain('| Civilians must be protected | 100% | 100% |');
    expect(md).toContain('| The border \\| should close | 100% | 0% |');
    expect(md).toContain('| Yes | 4 | 1 | 1 |');
    expect(reportMarkdown(report())).toContain('## Common ground\n\n_No statements were put to the audience._');
    expect(md).not.toMatch(/userId|u1/);
  });
});
