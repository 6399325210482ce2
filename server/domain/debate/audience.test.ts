import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/debate/machine.js';
import { UNDECIDED } from '../../../shared/debate/model.js';
import type { DebateRecord } from '../../store/collab-store.js';
import type { ArticleRecord } from '../../store/store.js';
import { deleteComment, postComment } from '../discussion.js';
import { moderateComment } from '../moderation/actions.js';
import { sanctionUser } from '../moderation/sanctions.js';
import {
  codeOf,
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { askQuestion, castDebateVote, creditComments, setHand, setQuestionState, upvoteQuestion } from './audience.js';
import { hostCommand, setupSession } from './session.js';

let t: MemoryDeps;
let article: ArticleRecord;
let host: Actor;
let moderator: Actor;
let alice: Actor;
let bob: Actor;
let debate: DebateRecord;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  host = await makeUser(t.deps, 'reader', 'Host');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
  alice = await makeUser(t.deps, 'reader', 'Alice');
  bob = await makeUser(t.deps, 'reader', 'Bob');
  debate = await makeDebate(t.deps, {
    articleId: article.id,
    host,
    positions: [
      { id: 'pk', name: 'Pakistan' },
      { id: 'af', name: 'Afghanistan' },
    ],
  });
  // Two short phases keep the runs short.
  await setupSession(t.deps, host, {
    debateId: debate.id,
    template: 'free-form',
    plan: [
      { kind: 'opening', title: 'Opening: Pakistan', positionId: 'pk', durationSeconds: 60 },
      { kind: 'opening', title: 'Opening: Afghanistan', positionId: 'af', durationSeconds: 60 },
    ],
  });
  t.bus.clear();
});
afterEach(() => t.close());

async function drive(...types: Array<HostCommand['type']>) {
  for (const type of types)
    await hostCommand(t.deps, host, debate.id, type === 'extend' ? { type, seconds: 30 } : { type });
}
const toPostVote = () => drive('open-pre-vote', 'start', 'next', 'next');
const vote = (actor: Actor | null, positionId: string) =>
  castDebateVote(t.deps, actor, { debateId: debate.id, positionId });

describe('audience votes', () => {
  it('are open in the pre-vote and the post-vote only', async () => {
    expect(await codeOf(vote(alice, 'pk'))).toBe('INVALID_TRANSITION');
    await drive('open-pre-vote');
    expect(await vote(alice, 'pk')).toEqual({ round: 'pre', positionId: 'pk' });
    await drive('start');
    expect(await codeOf(vote(alice, 'af'))).toBe('INVALID_TRANSITION');
    await drive('next', 'next');
    expect(await vote(alice, 'af')).toEqual({ round: 'post', positionId: 'af' });
    await drive('show-results');
    expect(await codeOf(vote(alice, 'pk'))).toBe('INVALID_TRANSITION');
    expect(await t.deps.store.getDebateVote(debate.id, 'pre', alice.id)).toBe('pk');
    expect(await t.deps.store.getDebateVote(debate.id, 'post', alice.id)).toBe('af');
  });

  it('count one vote per person per round, changeable while open, and announce each', async () => {
    await drive('open-pre-vote');
    t.bus.clear();
    await vote(alice, 'pk');
    await vote(alice, 'af');
    await vote(bob, UNDECIDED);
    expect(await t.deps.store.countDebateVotes(debate.id, 'pre')).toEqual({
      counts: { af: 1, [UNDECIDED]: 1 },
      total: 2,
    });
    expect(t.bus.of('debateAudience')).toEqual(Array(3).fill({ debateId: debate.id, part: 'votes' }));
  });

  it('refuse unknown positions, guests and debates without a session', async () => {
    await drive('open-pre-vote');
    expect(await codeOf(vote(alice, 'ghost'))).toBe('VALIDATION_FAILED');
    expect(await codeOf(vote(null, 'pk'))).toBe('UNAUTHENTICATED');
    const bare = await makeDebate(t.deps, { articleId: article.id, host, positions: [{ id: 'x', name: 'X' }] });
    expect(await codeOf(castDebateVote(t.deps, alice, { debateId: bare.id, positionId: 'x' }))).toBe(
      'DEBATE_NOT_SET_UP',
    );
    expect(await codeOf(castDebateVote(t.deps, alice, { debateId: 'missing', positionId: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('hands', () => {
  const hand = (actor: Actor | null, raised: boolean, userId?: string) =>
    setHand(t.deps, actor, { debateId: debate.id, raised, userId });

  it('go up once, in order, stamped by the clock, and come down', async () => {
    const first = t.clock.advanceSeconds(1);
    await hand(alice, true);
    t.clock.advanceSeconds(1);
    await hand(bob, true);
    t.clock.advanceSeconds(1);
    await hand(alice, true); // keeps her first time
    expect(await t.deps.store.listHands(debate.id)).toEqual([
      expect.objectContaining({ userId: alice.id, name: 'Alice', raisedAt: first.toISOString() }),
      expect.objectContaining({ userId: bob.id, name: 'Bob' }),
    ]);
    await hand(alice, false);
    expect((await t.deps.store.listHands(debate.id)).map((h) => h.userId)).toEqual([bob.id]);
    expect(t.bus.of('debateAudience')).toEqual(Array(4).fill({ debateId: debate.id, part: 'hands' }));
  });

  it('the host may lower anyone’s hand, but nobody may raise another’s', async () => {
    await hand(alice, true);
    expect(await codeOf(hand(bob, false, alice.id))).toBe('FORBIDDEN');
    expect(await codeOf(hand(host, true, alice.id))).toBe('FORBIDDEN');
    await hand(host, false, alice.id);
    expect(await t.deps.store.listHands(debate.id)).toEqual([]);
  });

  it('cannot be raised by guests, muted users, or after the debate closed', async () => {
    expect(await codeOf(hand(null, true))).toBe('UNAUTHENTICATED');
    await sanctionUser(t.deps, moderator, { userId: bob.id, kind: 'mute', reason: 'x', minutes: 5 });
    expect(await codeOf(hand(bob, true))).toBe('MUTED');
    await toPostVote();
    await drive('show-results', 'reveal', 'close');
    expect(await codeOf(hand(alice, true))).toBe('INVALID_TRANSITION');
    // Lowering stays possible.
    await expect(hand(alice, false)).resolves.toBeUndefined();
  });
});

describe('questions', () => {
  const ask = (actor: Actor | null, text: string) => askQuestion(t.deps, actor, { debateId: debate.id, text });

  it('are asked, upvoted by others once each, and announced', async () => {
    const at = t.clock.advanceSeconds(5);
    const q = await ask(alice, 'What about trade?');
    expect(q).toMatchObject({
      debateId: debate.id,
      userId: alice.id,
      name: 'Alice',
      text: 'What about trade?',
      upvotes: 0,
      state: 'open',
      createdAt: at.toISOString(),
      answeredAt: null,
    });
    expect(await upvoteQuestion(t.deps, bob, q.id)).toBe(1);
    expect(await upvoteQuestion(t.deps, host, q.id)).toBe(2);
    expect(await codeOf(upvoteQuestion(t.deps, bob, q.id))).toBe('CONFLICT');
    expect(await codeOf(upvoteQuestion(t.deps, alice, q.id))).toBe('FORBIDDEN');
    expect(await codeOf(upvoteQuestion(t.deps, alice, 'missing'))).toBe('NOT_FOUND');
    expect(await codeOf(upvoteQuestion(t.deps, null, q.id))).toBe('UNAUTHENTICATED');
    expect(t.bus.of('debateAudience')).toEqual(Array(3).fill({ debateId: debate.id, part: 'questions' }));
  });

  it('are picked and answered by the host only; one is current at a time', async () => {
    const q1 = await ask(alice, 'First question?');
    const q2 = await ask(bob, 'Second question?');
    expect(await codeOf(setQuestionState(t.deps, alice, { questionId: q1.id, state: 'current' }))).toBe('FORBIDDEN');
    expect(await codeOf(setQuestionState(t.deps, host, { questionId: 'missing', state: 'current' }))).toBe('NOT_FOUND');
    await setQuestionState(t.deps, host, { questionId: q1.id, state: 'current' });
    await setQuestionState(t.deps, host, { questionId: q2.id, state: 'current' });
    expect((await t.deps.store.getQuestion(q1.id))?.state).toBe('open');
    const at = t.clock.advanceSeconds(30);
    const answered = await setQuestionState(t.deps, host, { questionId: q2.id, state: 'answered' });
    expect(answered).toMatchObject({ state: 'answered', answeredAt: at.toISOString() });
  });

  it('close with the results, and refuse guests and muted users', async () => {
    expect(await codeOf(ask(null, 'Hello?'))).toBe('UNAUTHENTICATED');
    await sanctionUser(t.deps, moderator, { userId: bob.id, kind: 'ban', reason: 'x' });
    expect(await codeOf(ask(bob, 'Hello?'))).toBe('BANNED');
    await toPostVote();
    await ask(alice, 'Still open in the post-vote?');
    await drive('show-results');
    expect(await codeOf(ask(alice, 'Too late?'))).toBe('INVALID_TRANSITION');
  });

  it('are rate limited per user', async () => {
    const strict = await createMemoryDeps({ limits: { commentsPerMinute: 1 } });
    try {
      const a = await makeArticle(strict.deps);
      const h = await makeUser(strict.deps);
      const u = await makeUser(strict.deps);
      const d = await makeDebate(strict.deps, { articleId: a.id, host: h, positions: [{ id: 'p', name: 'P' }] });
      await setupSession(strict.deps, h, { debateId: d.id, template: 'free-form' });
      await askQuestion(strict.deps, u, { debateId: d.id, text: 'one' });
      expect(await codeOf(askQuestion(strict.deps, u, { debateId: d.id, text: 'two' }))).toBe('RATE_LIMITED');
    } finally {
      await strict.close();
    }
  });
});

describe('changed my mind', () => {
  const credit = (actor: Actor | null, commentIds: string[]) =>
    creditComments(t.deps, actor, { debateId: debate.id, commentIds });
  const comment = async (actor: Actor, body: string, positionId = 'af') =>
    (await postComment(t.deps, actor, { articleId: article.id, body, positionId })).comment.id;

  it('lets someone whose vote moved credit comments once each, but not their own', async () => {
    const persuasive = await comment(bob, 'Persuasive');
    const also = await comment(host, 'Also good');
    const mine = await comment(alice, 'My own');
    await drive('open-pre-vote');
    await vote(alice, 'pk');
    await drive('start', 'next', 'next');
    await vote(alice, 'af');
    expect(await credit(alice, [persuasive, also, mine])).toBe(2);
    expect(await credit(alice, [persuasive])).toBe(0);
    expect(await t.deps.store.listCredits(debate.id)).toEqual(
      expect.arrayContaining([
        { commentId: persuasive, credits: 1 },
        { commentId: also, credits: 1 },
      ]),
    );
  });

  it('is refused to someone who did not vote twice or did not move', async () => {
    const c = await comment(bob, 'Meh');
    expect(await codeOf(credit(alice, [c]))).toBe('FORBIDDEN');
    await drive('open-pre-vote');
    await vote(alice, 'pk');
    expect(await codeOf(credit(alice, [c]))).toBe('FORBIDDEN');
    await drive('start', 'next', 'next');
    await vote(alice, 'pk');
    expect(await codeOf(credit(alice, [c]))).toBe('FORBIDDEN');
    expect(await codeOf(credit(null, [c]))).toBe('UNAUTHENTICATED');
  });

  it('credits only visible comments of the debate’s article', async () => {
    const other = await makeArticle(t.deps);
    const foreign = (await postComment(t.deps, bob, { articleId: other.id, body: 'elsewhere' })).comment.id;
    const deleted = await comment(bob, 'gone');
    await deleteComment(t.deps, bob, { commentId: deleted });
    const removed = await comment(bob, 'removed');
    await moderateComment(t.deps, moderator, { commentId: removed, action: 'remove', reason: 'x', expectedVersion: 0 });
    const good = await comment(bob, 'good');
    await drive('open-pre-vote');
    await vote(alice, UNDECIDED);
    await drive('start', 'next', 'next');
    await vote(alice, 'af');
    for (const bad of [foreign, deleted, removed, 'missing'])
      expect(await codeOf(credit(alice, [good, bad]))).toBe('NOT_FOUND');
    expect(await t.deps.store.listCredits(debate.id)).toEqual([]);
    expect(await credit(alice, [good, good])).toBe(1);
  });
});
