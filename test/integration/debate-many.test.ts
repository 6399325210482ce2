/**
 * Two debates on one article (issue 13): each comment keeps the stance it was posted with, in its
 * own debate; each debate's votes and report stay its own; the article list and the article's
 * debate list follow the current debate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDebate } from '../../shared/debate/current.js';
import type { DebateReport, DebateView } from '../../shared/debate/model.js';
import type { ArticleChange, ArticleSnapshot, DebateSummary } from '../../shared/events.js';
import type { ArticleSummary } from '../../shared/types.js';
import { participants, type Participant } from '../helpers/debate.js';
import { connectSocket } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
const sockets: Array<{ close(): void }> = [];

beforeAll(async () => {
  t = await startTestServer({ COMMENTS_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '1000' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.destroy();
});

/** A debate with the same two position names each time: only the ids tell them apart. */
async function newDebate(moderator: string, articleId: string, hostId: string, motion: string) {
  const created = await api(t.url, '/api/debates', {
    token: moderator,
    body: {
      articleId,
      hostId,
      motion,
      positions: [
        { name: 'Pakistan', debaterIds: [] },
        { name: 'Afghanistan', debaterIds: [] },
      ],
    },
  });
  expect(created.status).toBe(201);
  return created.body.debate as { id: string; positions: Array<{ id: string; name: string }> };
}

describe('two debates on one article', () => {
  it("keep each comment's stance, each debate's votes and each report separate", async () => {
    const admin = await signInAs(t.url, 'admin');
    const moderator = await signInAs(t.url, 'moderator');
    const hostToken = await signInAs(t.url, 'host');
    const hostId = (await api(t.url, '/api/me', { token: hostToken })).body.user.id as string;
    const host = await connectSocket(t.url, hostToken);
    sockets.push(host);
    const made = await api(t.url, '/api/articles', {
      token: admin,
      body: {
        slug: 'two-debates',
        title: 'Two debates',
        body: 'Text.',
        motion: 'The first motion',
        positions: ['Pakistan', 'Afghanistan'],
        publishedAt: new Date().toISOString(),
      },
    });
    expect(made.status).toBe(201);
    const articleId = made.body.article.id as string;
    const [ann, ben, cy] = (await participants(t, 'many', 3)) as [Participant, Participant, Participant];
    sockets.push(ann.socket, ben.socket, cy.socket);
    const post = (who: Participant, body: string, positionId: string) =>
      must<ArticleChange>(who.socket, 'comment:create', { articleId, body, positionId });
    const command = (debateId: string, name: string) =>
      must<DebateView>(host, 'debate:command', { debateId, command: name });

    // Debate 1, run to the end: Ann argues for its Pakistan, Ben votes her up.
    const first = await newDebate(moderator, articleId, hostId, 'The first motion');
    await must(host, 'debate:setup', { debateId: first.id, template: 'free-form' });
    const [pk1, af1] = first.positions.map((p) => p.id) as [string, string];
    const annComment = (await post(ann, 'Pakistan, first time round', pk1)).comment;
    await must(ben.socket, 'vote:cast', { commentId: annComment.id, value: 1 });
    await command(first.id, 'open-pre-vote');
    for (const who of [ann, ben, cy]) await must(who.socket, 'debate:vote', { debateId: first.id, positionId: af1 });
    await command(first.id, 'start');
    // The host speaks on the floor for the phase (free form: no position holds it).
    await must(host, 'debate:say', { debateId: first.id, text: 'Welcome to the first debate.' });
    await command(first.id, 'open-post-vote');
    for (const who of [ann, ben]) await must(who.socket, 'debate:vote', { debateId: first.id, positionId: pk1 });
    await command(first.id, 'show-results');
    await command(first.id, 'reveal');
    await command(first.id, 'close');

    // Debate 2, with the same position names: new ids. Cy argues for its Pakistan.
    const second = await newDebate(moderator, articleId, hostId, 'The second motion');
    await must(host, 'debate:setup', { debateId: second.id, template: 'free-form' });
    const [pk2] = second.positions.map((p) => p.id) as [string, string];
    expect(second.positions.map((p) => p.id)).not.toContain(pk1);
    const cyComment = (await post(cy, 'Pakistan, second time round', pk2)).comment;
    await command(second.id, 'open-pre-vote');
    await must(cy.socket, 'debate:vote', { debateId: second.id, positionId: pk2 });

    // Everyone joining now sees each comment with the stance it was posted with.
    const reader = await connectSocket(t.url, null);
    sockets.push(reader);
    const snapshot = await must<ArticleSnapshot>(reader, 'article:join', { slug: 'two-debates', sort: 'new' });
    const stances = new Map(snapshot.comments.map((c) => [c.id, c.positionId]));
    expect(stances.get(annComment.id)).toBe(pk1);
    expect(stances.get(cyComment.id)).toBe(pk2);
    // Filtering by the old debate's position still finds its comments, and only them.
    const filtered = await must<ArticleSnapshot>(reader, 'article:join', { slug: 'two-debates', positionId: pk1 });
    expect(filtered.comments.map((c) => c.id)).toEqual([annComment.id]);

    // The article's debates: the first closed with its winner, the second current.
    const debates = await must<DebateSummary[]>(reader, 'debate:of-article', { articleId });
    expect(debates.map((d) => [d.id, d.status])).toEqual([
      [first.id, 'closed'],
      [second.id, 'pre-vote'],
    ]);
    expect(debates[0]).toMatchObject({ resultsRevealed: true, winner: pk1, startedAt: expect.any(String) });
    expect(debates[1]).toMatchObject({ resultsRevealed: false, winner: null, startedAt: null });
    expect(currentDebate(debates)?.id).toBe(second.id);
    // The home page's list names the current debate, not the article's first motion.
    const list = (await api(t.url, '/api/articles')).body.items as ArticleSummary[];
    expect(list.find((a) => a.id === articleId)).toMatchObject({
      motion: 'The first motion',
      currentDebate: { id: second.id, motion: 'The second motion', status: 'pre-vote' },
      debateCount: 2,
    });

    // Each report has its own comments and votes. The first is open to everyone (closed).
    const firstReport = (await api(t.url, `/api/debates/${first.id}/report`)).body.report as DebateReport;
    expect(firstReport.motion).toBe('The first motion');
    expect(firstReport.positions.find((p) => p.id === pk1)?.mostVoted.map((c) => c.id)).toEqual([annComment.id]);
    expect(firstReport.results).toMatchObject({ preTotal: 3, postTotal: 2, winner: pk1 });
    // The second is not over: its host may read it, nobody else yet.
    expect((await api(t.url, `/api/debates/${second.id}/report`)).status).toBe(403);
    const secondReport = (await api(t.url, `/api/debates/${second.id}/report`, { token: hostToken })).body
      .report as DebateReport;
    expect(secondReport.positions.find((p) => p.id === pk2)?.mostVoted.map((c) => c.id)).toEqual([cyComment.id]);
    expect(secondReport.positions.flatMap((p) => p.mostVoted.map((c) => c.id))).not.toContain(annComment.id);
    expect(secondReport.results).toMatchObject({ preTotal: 1, postTotal: 0, winner: null });
    // Each transcript is its own debate's.
    expect(firstReport.transcript.flatMap((p) => p.statements.map((st) => st.text))).toEqual([
      'Welcome to the first debate.',
    ]);
    expect(secondReport.transcript).toEqual([]);

    const markdown = await (await fetch(`${t.url}/api/debates/${first.id}/export.md`)).text();
    expect(markdown).toContain('# Debate report: The first motion');
    expect(markdown).toContain('> Pakistan, first time round\n\n— many0, 1 point\n');
    expect(markdown).not.toContain('second time round');
    expect(markdown).toContain('3 votes before, 2 after.');
    expect(markdown).toContain('## Transcript\n\n### Open debate\n\n**host, host:** Welcome to the first debate.');
  });
});
