import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/debate/machine.js';
import { UNDECIDED } from '../../../shared/debate/model.js';
import type { DebateRecord } from '../../store/collab-store.js';
import type { ArticleRecord } from '../../store/store.js';
import {
  codeOf,
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { loadDebate, requireHost, roleIn } from './access.js';
import { askQuestion, castDebateVote, setHand } from './audience.js';
import { hostCommand, setupSession } from './session.js';
import { debatesOfArticle, debateView } from './view.js';

let t: MemoryDeps;
let article: ArticleRecord;
let host: Actor;
let debater: Actor;
let alice: Actor;
let bob: Actor;
let debate: DebateRecord;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  host = await makeUser(t.deps, 'reader', 'Host');
  debater = await makeUser(t.deps, 'reader', 'Debater');
  alice = await makeUser(t.deps, 'reader', 'Alice');
  bob = await makeUser(t.deps, 'reader', 'Bob');
  debate = await makeDebate(t.deps, {
    articleId: article.id,
    host,
    motion: 'Peace is near',
    positions: [
      { id: 'yes', name: 'Yes', debaterIds: [debater.id] },
      { id: 'no', name: 'No' },
    ],
  });
  await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
});
afterEach(() => t.close());

async function drive(...types: Array<HostCommand['type']>) {
  for (const type of types)
    await hostCommand(t.deps, host, debate.id, type === 'extend' ? { type, seconds: 30 } : { type });
}
const view = (actor: Actor | null) => debateView(t.deps, actor, debate.id);

describe('access', () => {
  it('tells host, debater and audience apart', () => {
    expect(roleIn(debate, host)).toEqual({ kind: 'host' });
    expect(roleIn(debate, debater)).toEqual({ kind: 'debater', positionId: 'yes' });
    expect(roleIn(debate, alice)).toEqual({ kind: 'audience' });
    expect(roleIn(debate, null)).toEqual({ kind: 'audience' });
    expect(requireHost(debate, host)).toBe(host);
    expect(() => requireHost(debate, alice)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireHost(debate, null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('loads a debate with its session; DEBATE_NOT_SET_UP without one, NOT_FOUND without a debate', async () => {
    const loaded = await loadDebate(t.deps, debate.id);
    expect(loaded.session.template).toBe('oxford');
    const bare = await makeDebate(t.deps, { articleId: article.id, host, positions: [{ id: 'p', name: 'P' }] });
    expect(await codeOf(loadDebate(t.deps, bare.id))).toBe('DEBATE_NOT_SET_UP');
    expect(await codeOf(loadDebate(t.deps, 'missing'))).toBe('NOT_FOUND');
  });
});

describe('debateView', () => {
  it('draws the debate for the audience: names, plan, state, server time, no tally', async () => {
    const v = await view(alice);
    expect(v).toMatchObject({
      id: debate.id,
      articleId: article.id,
      motion: 'Peace is near',
      host: { id: host.id, name: 'Host' },
      positions: [
        { id: 'yes', name: 'Yes', debaters: [{ id: debater.id, name: 'Debater' }] },
        { id: 'no', name: 'No', debaters: [] },
      ],
      template: 'oxford',
      state: { status: 'scheduled' },
      serverNow: t.deps.now().toISOString(),
      hands: [],
      questions: [],
      myVotes: { pre: null, post: null },
      role: { kind: 'audience' },
      tally: null,
      results: null,
    });
    expect(v.plan).toHaveLength(7);
  });

  it('shows hands, questions and the viewer’s own votes', async () => {
    await drive('open-pre-vote');
    await castDebateVote(t.deps, alice, { debateId: debate.id, positionId: 'no' });
    await setHand(t.deps, bob, { debateId: debate.id, raised: true });
    const q = await askQuestion(t.deps, bob, { debateId: debate.id, text: 'Why?' });
    const forAlice = await view(alice);
    expect(forAlice.myVotes).toEqual({ pre: 'no', post: null });
    expect(forAlice.hands).toEqual([{ userId: bob.id, name: 'Bob', raisedAt: t.deps.now().toISOString() }]);
    expect(forAlice.questions).toEqual([
      { id: q.id, name: 'Bob', text: 'Why?', upvotes: 0, state: 'open', createdAt: q.createdAt },
    ]);
    // Questions carry no user id.
    expect(forAlice.questions[0]).not.toHaveProperty('userId');
    expect((await view(null)).myVotes).toEqual({ pre: null, post: null });
    expect((await view(debater)).role).toEqual({ kind: 'debater', positionId: 'yes' });
  });

  it('gives the host a live tally, and results before anyone else', async () => {
    await drive('open-pre-vote');
    await castDebateVote(t.deps, alice, { debateId: debate.id, positionId: 'no' });
    await castDebateVote(t.deps, bob, { debateId: debate.id, positionId: UNDECIDED });
    const forHost = await view(host);
    expect(forHost.role).toEqual({ kind: 'host' });
    expect(forHost.tally).toEqual({
      pre: { counts: { no: 1, [UNDECIDED]: 1 }, total: 2 },
      post: { counts: {}, total: 0 },
    });
    expect(forHost.results).toBeNull();

    await drive('start', 'open-post-vote');
    await castDebateVote(t.deps, alice, { debateId: debate.id, positionId: 'yes' });
    await castDebateVote(t.deps, bob, { debateId: debate.id, positionId: 'yes' });
    await drive('show-results');
    const hostResults = (await view(host)).results;
    expect(hostResults).toMatchObject({ preTotal: 2, postTotal: 2, winner: 'yes' });
    expect(hostResults?.positions.find((p) => p.positionId === 'yes')).toMatchObject({
      pre: 0,
      post: 2,
      prePercent: 0,
      postPercent: 100,
      swing: 100,
    });
    expect((await view(alice)).results).toBeNull();

    await drive('reveal');
    expect((await view(alice)).results).toEqual(hostResults);
    expect((await view(null)).results?.winner).toBe('yes');
  });
});

describe('debatesOfArticle', () => {
  it('lists the debates of an article with their status', async () => {
    await drive('open-pre-vote');
    const second = await makeDebate(t.deps, {
      articleId: article.id,
      host,
      motion: 'Second motion',
      positions: [{ id: 'a', name: 'A' }],
    });
    const other = await makeArticle(t.deps);
    await makeDebate(t.deps, { articleId: other.id, host, positions: [{ id: 'b', name: 'B' }] });
    const summaries = await debatesOfArticle(t.deps, article.id);
    expect(summaries).toEqual(
      expect.arrayContaining([
        {
          id: debate.id,
          motion: 'Peace is near',
          status: 'pre-vote',
          positions: [
            { id: 'yes', name: 'Yes' },
            { id: 'no', name: 'No' },
          ],
          createdAt: debate.createdAt,
          startedAt: null,
          resultsRevealed: false,
          winner: null,
        },
        {
          id: second.id,
          motion: 'Second motion',
          status: 'scheduled',
          positions: [{ id: 'a', name: 'A' }],
          createdAt: second.createdAt,
          startedAt: null,
          resultsRevealed: false,
          winner: null,
        },
      ]),
    );
    expect(summaries).toHaveLength(2);
    expect(await debatesOfArticle(t.deps, 'no-article')).toEqual([]);
  });

  it('names the start, and the winner only once the results are revealed', async () => {
    await drive('open-pre-vote');
    await castDebateVote(t.deps, alice, { debateId: debate.id, positionId: 'no' });
    await drive('start');
    const startedAt = t.deps.now().toISOString();
    await drive('open-post-vote');
    await castDebateVote(t.deps, alice, { debateId: debate.id, positionId: 'yes' });
    await drive('show-results');
    // Before the reveal nobody learns the winner from the list, not even the host.
    expect((await debatesOfArticle(t.deps, article.id))[0]).toMatchObject({
      status: 'results',
      startedAt,
      resultsRevealed: false,
      winner: null,
    });
    await drive('reveal');
    // Alice moved from no to yes: yes gained most.
    expect((await debatesOfArticle(t.deps, article.id))[0]).toMatchObject({ resultsRevealed: true, winner: 'yes' });
  });
});
