import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/debate/machine.js';
import { UNDECIDED } from '../../../shared/debate/model.js';
import { positionDocName } from '../../../shared/doc-names.js';
import type { DebateRecord } from '../../store/collab-store.js';
import type { ArticleRecord } from '../../store/store.js';
import { castVote, postComment } from '../discussion.js';
import { moderateComment } from '../moderation/actions.js';
import {
  codeOf,
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { askQuestion, castDebateVote, creditComments, setQuestionState, upvoteQuestion } from './audience.js';
import { reportMarkdown } from './report-markdown.js';
import { buildReport } from './report.js';
import { hostCommand, setupSession } from './session.js';
import { readSummaryMarkdown } from './summary-text.js';

let t: MemoryDeps;
let article: ArticleRecord;
let host: Actor;
let moderator: Actor;
let debaters: Actor[];
let audience: Actor[];
let debate: DebateRecord;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps, { slug: 'peace-talks' });
  host = await makeUser(t.deps, 'reader', 'Hostess');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
  debaters = [await makeUser(t.deps, 'reader', 'Deb A'), await makeUser(t.deps, 'reader', 'Deb B')];
  audience = [];
  for (let i = 0; i < 4; i++) audience.push(await makeUser(t.deps, 'reader', `Aud${i}`));
  debate = await makeDebate(t.deps, {
    articleId: article.id,
    host,
    motion: 'Talks | will succeed',
    positions: [
      { id: 'yes', name: 'Yes', debaterIds: [debaters[0]!.id] },
      { id: 'no', name: 'No', debaterIds: [debaters[1]!.id] },
    ],
  });
  await setupSession(t.deps, host, {
    debateId: debate.id,
    template: 'free-form',
    plan: [
      { kind: 'opening', title: 'Opening: Yes', positionId: 'yes', durationSeconds: 120 },
      { kind: 'opening', title: 'Opening: No', positionId: 'no', durationSeconds: 120 },
      { kind: 'questions', title: 'Questions', positionId: null, durationSeconds: 300 },
      { kind: 'closing', title: 'Never reached', positionId: null, durationSeconds: 60 },
    ],
  });
});
afterEach(() => t.close());

async function drive(type: HostCommand['type'], seconds = 0) {
  await hostCommand(t.deps, host, debate.id, type === 'extend' ? { type, seconds } : { type });
}

/** A summary document as the editor writes it: a Yjs XmlFragment 'summary' of TipTap nodes. */
function summaryDoc(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('summary');
  const element = (parent: Y.XmlFragment | Y.XmlElement, name: string, attrs: Record<string, string> = {}) => {
    const e = new Y.XmlElement(name);
    parent.push([e]);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const text = (parent: Y.XmlFragment | Y.XmlElement, ...runs: Array<[string, Record<string, unknown>?]>) => {
    const x = new Y.XmlText();
    parent.push([x]);
    let at = 0;
    for (const [s, attributes] of runs) {
      x.insert(at, s, attributes);
      at += s.length;
    }
  };
  text(element(fragment, 'heading', { level: '1' }), ['Our case']);
  text(
    element(fragment, 'paragraph'),
    ['Peace is ', {}],
    ['possible', { bold: true }],
    [' and ', {}],
    ['near', { italic: true }],
  );
  const bullets = element(fragment, 'bulletList');
  for (const item of ['trade', 'water']) text(element(element(bullets, 'listItem'), 'paragraph'), [item]);
  const ordered = element(fragment, 'orderedList');
  for (const item of ['first', 'second']) text(element(element(ordered, 'listItem'), 'paragraph'), [item]);
  text(element(element(fragment, 'blockquote'), 'paragraph'), ['A quote']);
  element(fragment, 'paragraph'); // empty: left out
  return doc;
}

describe('summary text', () => {
  const expected = [
    '### Our case',
    'Peace is **possible** and *near*',
    '- trade\n- water',
    '1. first\n2. second',
    '> A quote',
  ].join('\n\n');

  it('reads a summary from stored updates as Markdown', async () => {
    const name = positionDocName(debate.id, 'yes');
    await t.deps.store.appendDocUpdate(name, Y.encodeStateAsUpdate(summaryDoc()), host.id);
    expect(await readSummaryMarkdown(t.deps, name)).toBe(expected);
  });

  it('reads a compacted summary (snapshot plus later updates)', async () => {
    const name = positionDocName(debate.id, 'no');
    const doc = summaryDoc();
    const seq = await t.deps.store.appendDocUpdate(name, Y.encodeStateAsUpdate(doc), host.id);
    await t.deps.store.compactDoc(name, Y.encodeStateAsUpdate(doc), seq);
    const before = Y.encodeStateVector(doc);
    const tail = new Y.XmlElement('paragraph');
    doc.getXmlFragment('summary').push([tail]);
    const x = new Y.XmlText();
    tail.push([x]);
    x.insert(0, 'Added later');
    await t.deps.store.appendDocUpdate(name, Y.encodeStateAsUpdate(doc, before), host.id);
    const stored = await t.deps.store.loadDoc(name);
    expect(stored.snapshot).not.toBeNull();
    expect(await readSummaryMarkdown(t.deps, name)).toBe(`${expected}\n\nAdded later`);
  });

  it('is empty for a summary nobody wrote', async () => {
    expect(await readSummaryMarkdown(t.deps, positionDocName(debate.id, 'none'))).toBe('');
  });
});

describe('the report', () => {
  it('opens to the host and moderators at once, to everyone once the results are revealed', async () => {
    expect(await codeOf(buildReport(t.deps, audience[0]!, debate.id))).toBe('FORBIDDEN');
    expect(await codeOf(buildReport(t.deps, null, debate.id))).toBe('FORBIDDEN');
    expect(await codeOf(buildReport(t.deps, debaters[0]!, debate.id))).toBe('FORBIDDEN');
    await expect(buildReport(t.deps, host, debate.id)).resolves.toMatchObject({ debateId: debate.id });
    await expect(buildReport(t.deps, moderator, debate.id)).resolves.toMatchObject({ debateId: debate.id });
    await drive('start');
    await drive('open-post-vote');
    await drive('show-results');
    expect(await codeOf(buildReport(t.deps, null, debate.id))).toBe('FORBIDDEN');
    await drive('reveal');
    await expect(buildReport(t.deps, null, debate.id)).resolves.toMatchObject({ debateId: debate.id });
    await drive('close');
    await expect(buildReport(t.deps, audience[0]!, debate.id)).resolves.toMatchObject({ debateId: debate.id });
    expect(await codeOf(buildReport(t.deps, host, 'missing'))).toBe('NOT_FOUND');
  });

  it('tells the whole debate: the plan as it ran, the vote, summaries, credited and voted comments, questions', async () => {
    const [a0, a1, a2, a3] = audience as [Actor, Actor, Actor, Actor];
    await t.deps.store.appendDocUpdate(
      positionDocName(debate.id, 'yes'),
      Y.encodeStateAsUpdate(summaryDoc()),
      debaters[0]!.id,
    );
    // Comments arguing each position, with votes.
    const strong = (
      await postComment(t.deps, debaters[0]!, { articleId: article.id, body: 'Strong\ncase', positionId: 'yes' })
    ).comment.id;
    const weak = (await postComment(t.deps, a3, { articleId: article.id, body: 'Weak case', positionId: 'yes' }))
      .comment.id;
    const removed = (await postComment(t.deps, a3, { articleId: article.id, body: 'Removed', positionId: 'no' }))
      .comment.id;
    await castVote(t.deps, a0, { commentId: strong, value: 1 });
    await castVote(t.deps, a1, { commentId: strong, value: 1 });
    await castVote(t.deps, a0, { commentId: weak, value: -1 });
    await moderateComment(t.deps, moderator, { commentId: removed, action: 'remove', reason: 'x', expectedVersion: 0 });

    // Pre-vote: yes 1, no 2, undecided 1.
    await drive('open-pre-vote');
    await castDebateVote(t.deps, a0, { debateId: debate.id, positionId: 'no' });
    await castDebateVote(t.deps, a1, { debateId: debate.id, positionId: 'no' });
    await castDebateVote(t.deps, a2, { debateId: debate.id, positionId: 'yes' });
    await castDebateVote(t.deps, a3, { debateId: debate.id, positionId: UNDECIDED });

    // Phases on the test clock: 100 s; 130 s with a 30 s extension, then skipped; 20 s and straight
    // to the post-vote, so the last phase never runs.
    await drive('start');
    t.clock.advanceSeconds(100);
    await drive('next');
    await drive('extend', 30);
    t.clock.advanceSeconds(130);
    await drive('skip');
    const q1 = await askQuestion(t.deps, a1, { debateId: debate.id, text: 'Water rights?' });
    await askQuestion(t.deps, a2, { debateId: debate.id, text: 'Never answered' });
    await upvoteQuestion(t.deps, a0, q1.id);
    await setQuestionState(t.deps, host, { questionId: q1.id, state: 'answered' });
    t.clock.advanceSeconds(20);
    await drive('open-post-vote');

    // Post-vote: yes 3, no 1.
    await castDebateVote(t.deps, a0, { debateId: debate.id, positionId: 'yes' });
    await castDebateVote(t.deps, a1, { debateId: debate.id, positionId: 'no' });
    await castDebateVote(t.deps, a2, { debateId: debate.id, positionId: 'yes' });
    await castDebateVote(t.deps, a3, { debateId: debate.id, positionId: 'yes' });
    expect(await creditComments(t.deps, a0, { debateId: debate.id, commentIds: [strong] })).toBe(1);
    expect(await creditComments(t.deps, a3, { debateId: debate.id, commentIds: [strong, weak] })).toBe(1);
    await drive('show-results');
    await drive('reveal');
    await drive('close');

    const report = await buildReport(t.deps, a0, debate.id);
    expect(report).toMatchObject({
      debateId: debate.id,
      motion: 'Talks | will succeed',
      article: { slug: 'peace-talks', title: article.title },
      host: 'Hostess',
    });
    expect(report.phases).toEqual([
      { title: 'Opening: Yes', plannedSeconds: 120, actualSeconds: 100, extendedBySeconds: 0, skipped: false },
      { title: 'Opening: No', plannedSeconds: 120, actualSeconds: 130, extendedBySeconds: 30, skipped: true },
      { title: 'Questions', plannedSeconds: 300, actualSeconds: 20, extendedBySeconds: 0, skipped: false },
      // Passed over: the host opened the post-vote before it ran.
      { title: 'Never reached', plannedSeconds: 60, actualSeconds: null, extendedBySeconds: 0, skipped: true },
    ]);
    expect(report.results).toMatchObject({ preTotal: 4, postTotal: 4, winner: 'yes' });
    expect(report.results.positions.find((p) => p.positionId === 'yes')).toMatchObject({ pre: 1, post: 3, swing: 50 });

    const [yes, no] = report.positions;
    expect(yes).toMatchObject({ id: 'yes', name: 'Yes', debaters: ['Deb A'] });
    expect(yes?.summary).toContain('### Our case');
    expect(no).toMatchObject({ summary: '', debaters: ['Deb B'], mostCredited: [], mostVoted: [] });
    expect(yes?.mostCredited).toEqual([{ comment: expect.objectContaining({ id: strong }), credits: 2 }]);
    expect(yes?.mostVoted.map((c) => c.id)).toEqual([strong, weak]);
    // Only answered questions.
    expect(report.answeredQuestions).toEqual([
      { name: 'Aud1', text: 'Water rights?', upvotes: 1, answeredAt: expect.any(String) },
    ]);

    const md = reportMarkdown(report);
    expect(md).toContain('# Debate report: Talks | will succeed');
    expect(md).toContain('On the article “' + article.title + '”. Hosted by Hostess.');
    expect(md).toContain('| 1 | Opening: Yes | 2:00 | 1:40 |  |  |');
    expect(md).toContain('| 2 | Opening: No | 2:00 | 2:10 | +30 s | yes |');
    expect(md).toContain('| 3 | Questions | 5:00 | 0:20 |  |  |');
    expect(md).toContain('| 4 | Never reached | 1:00 | — |  | yes |');
    expect(md).toContain('4 votes before, 4 after.');
    expect(md).toContain('| Yes | 25% (1) | 75% (3) | +50 |');
    expect(md).toContain('| No | 50% (2) | 25% (1) | -25 |');
    expect(md).toContain('| Undecided | 25% (1) | 0% (0) | -25 |');
    expect(md).toContain('**Winner: Yes**, the position that gained most.');
    expect(md).toContain('Debaters: Deb A.');
    expect(md).toContain('_No summary was written._');
    expect(md).toContain('> Strong\n> case\n\n— Deb A, credited by 2 readers\n');
    expect(md).toContain('_None credited._');
    expect(md).toContain('> Weak case\n\n— Aud3, -1 point\n');
    expect(md).toContain('_No comments argued this position._');
    expect(md).toContain('- Water rights? (Aud1, 1 upvote)');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('says so when nobody voted, nothing was answered and a debater is unknown', async () => {
    const lone = await makeDebate(t.deps, {
      articleId: article.id,
      host,
      positions: [{ id: 'only', name: 'Only', debaterIds: ['ghost-user'] }],
    });
    await setupSession(t.deps, host, { debateId: lone.id, template: 'free-form' });
    const report = await buildReport(t.deps, host, lone.id);
    expect(report.results.winner).toBeNull();
    expect(report.positions[0]?.debaters).toEqual(['unknown']);
    const md = reportMarkdown(report);
    expect(md).toContain('No winner: no position gained more than every other.');
    expect(md).toContain('_No questions were answered._');
    expect(md).toContain('0 votes before, 0 after.');
  });
});

describe('the report’s transcript and phases', () => {
  it('groups the statements by phase in plan order, each phase in the order delivered', async () => {
    const say = (phaseIndex: number, who: Actor, positionId: string | null, via: 'debater' | 'host', text: string) =>
      t.deps.store.appendStatement({
        debateId: debate.id,
        phaseIndex,
        speaker: { userId: who.id, name: who.name, positionId },
        via,
        text,
        createdAt: t.deps.now().toISOString(),
      });
    await say(0, debaters[0]!, 'yes', 'debater', 'Yes, first.');
    await say(1, debaters[1]!, 'no', 'debater', 'No, first.');
    // Back in phase 0 after phase 1: its statements still come together, before phase 1's.
    await say(0, host, 'yes', 'host', 'Yes, read by the host.');
    const report = await buildReport(t.deps, host, debate.id);
    expect(report.transcript).toEqual([
      {
        phaseIndex: 0,
        title: 'Opening: Yes',
        statements: [
          expect.objectContaining({ speaker: 'Deb A', positionName: 'Yes', via: 'debater', text: 'Yes, first.' }),
          expect.objectContaining({
            speaker: 'Hostess',
            positionName: 'Yes',
            via: 'host',
            text: 'Yes, read by the host.',
          }),
        ],
      },
      {
        phaseIndex: 1,
        title: 'Opening: No',
        statements: [expect.objectContaining({ speaker: 'Deb B', positionName: 'No', text: 'No, first.' })],
      },
    ]);
    expect(reportMarkdown(report)).toContain('**Hostess (Yes), host:** Yes, read by the host.');
  });

  it('marks a phase skipped by its last run: not after Back resumed it, nor while it is still to come', async () => {
    await drive('start');
    await drive('skip');
    await drive('back');
    const phases = (await buildReport(t.deps, host, debate.id)).phases;
    // Phase 1 was skipped, then resumed by Back; phase 2 is not skipped (Back ended it); the rest are still to come.
    expect(phases.map((p) => p.skipped)).toEqual([false, false, false, false]);
    await drive('skip');
    await drive('skip');
    expect((await buildReport(t.deps, host, debate.id)).phases.map((p) => p.skipped)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
