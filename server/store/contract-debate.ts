/** The debate-session part of the store contract, run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import { templatePlan } from '../../shared/debate/model.js';
import { initialState, nextDebateState } from '../../shared/debate/machine.js';
import type { StoreHarness } from './contract.js';
import { StoreConflictError, type Store } from './store.js';

export function describeDebateContract(name: string, harness: StoreHarness): void {
  describe(`store contract, debates: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    async function setup() {
      store = await harness.open();
      const article = await store.createArticle({
        slug: 'd',
        title: 'D',
        body: 'x',
        motion: null,
        positions: [],
        publishedAt: null,
        createdBy: null,
      });
      const positions = [
        { id: 'pk', name: 'Pakistan', debaterIds: ['u1'] },
        { id: 'af', name: 'Afghanistan', debaterIds: ['u2'] },
      ];
      const debate = await store.createDebate({ articleId: article.id, hostId: 'host', motion: 'M', positions });
      const plan = templatePlan('oxford', positions);
      return { article, debate, plan };
    }

    it('keeps the session with compare-and-set on its version, across reopen', async () => {
      const { article, debate, plan } = await setup();
      const created = await store.createDebateSession({
        debateId: debate.id,
        template: 'oxford',
        plan,
        state: initialState(plan),
      });
      expect(created).toMatchObject({ version: 0, template: 'oxford' });
      await expect(
        store.createDebateSession({ debateId: debate.id, template: 'oxford', plan, state: initialState(plan) }),
      ).rejects.toBeInstanceOf(StoreConflictError);
      const next = { ...created.state, status: 'pre-vote' as const, floor: null };
      const results = await Promise.allSettled([
        store.saveDebateSession(debate.id, 0, { state: next }),
        store.saveDebateSession(debate.id, 0, { state: next }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      store = await harness.reopen(store);
      expect(await store.getDebateSession(debate.id)).toMatchObject({
        version: 1,
        state: { status: 'pre-vote', floor: null },
        plan,
      });
      expect(await store.listDebatesOfArticle(article.id)).toEqual([debate.id]);
    });

    it('lists the sessions with a phase in progress, running or paused', async () => {
      const { article, debate, plan } = await setup();
      const other = await store.createDebate({ articleId: article.id, hostId: 'host', motion: 'N', positions: [] });
      const idle = await store.createDebate({ articleId: article.id, hostId: 'host', motion: 'O', positions: [] });
      const now = new Date();
      const started = nextDebateState(initialState(plan), plan, { type: 'start' }, now);
      if (!started.ok) throw new Error(started.reason);
      const paused = nextDebateState(started.state, plan, { type: 'pause' }, now);
      if (!paused.ok) throw new Error(paused.reason);
      await store.createDebateSession({ debateId: debate.id, template: 'oxford', plan, state: initialState(plan) });
      await store.createDebateSession({ debateId: other.id, template: 'oxford', plan, state: paused.state });
      await store.createDebateSession({ debateId: idle.id, template: 'oxford', plan, state: initialState(plan) });
      expect((await store.listLiveDebateSessions()).map((s) => s.debateId)).toEqual([other.id]);
      await store.saveDebateSession(debate.id, 0, { state: started.state });
      const live = await store.listLiveDebateSessions();
      expect(live.map((s) => s.debateId).sort()).toEqual([debate.id, other.id].sort());
      expect(live.find((s) => s.debateId === debate.id)).toMatchObject({
        version: 1,
        state: { status: 'live', phaseIndex: 0, clock: { running: true, endsAt: started.state.clock.endsAt } },
      });
    });

    it('counts one vote per person per round, changeable', async () => {
      const { debate } = await setup();
      const at = new Date().toISOString();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.castDebateVote({
            debateId: debate.id,
            round: 'pre',
            userId: `v${i}`,
            positionId: i % 3 === 0 ? 'pk' : 'af',
            at,
          }),
        ),
      );
      await store.castDebateVote({ debateId: debate.id, round: 'pre', userId: 'v1', positionId: 'undecided', at });
      await store.castDebateVote({ debateId: debate.id, round: 'post', userId: 'v1', positionId: 'pk', at });
      expect(await store.countDebateVotes(debate.id, 'pre')).toEqual({
        counts: { pk: 10, af: 19, undecided: 1 },
        total: 30,
      });
      expect(await store.countDebateVotes(debate.id, 'post')).toEqual({ counts: { pk: 1 }, total: 1 });
      expect(await store.getDebateVote(debate.id, 'pre', 'v1')).toBe('undecided');
      expect(await store.getDebateVote(debate.id, 'post', 'nobody')).toBeNull();
    });

    it('keeps hands in order, questions ranked with one upvote each, and credits', async () => {
      const { debate } = await setup();
      await store.raiseHand({ debateId: debate.id, userId: 'a', name: 'A', raisedAt: '2026-01-01T00:00:01.000Z' });
      await store.raiseHand({ debateId: debate.id, userId: 'b', name: 'B', raisedAt: '2026-01-01T00:00:02.000Z' });
      await store.raiseHand({ debateId: debate.id, userId: 'a', name: 'A', raisedAt: '2026-01-01T00:00:03.000Z' });
      expect((await store.listHands(debate.id)).map((h) => h.userId)).toEqual(['a', 'b']);
      expect(await store.lowerHand(debate.id, 'a')).toBe(true);
      expect(await store.lowerHand(debate.id, 'a')).toBe(false);

      const q1 = await store.addQuestion({
        debateId: debate.id,
        userId: 'a',
        name: 'A',
        text: 'first?',
        createdAt: '2026-01-01T00:00:01.000Z',
      });
      const q2 = await store.addQuestion({
        debateId: debate.id,
        userId: 'b',
        name: 'B',
        text: 'second?',
        createdAt: '2026-01-01T00:00:02.000Z',
      });
      expect(await store.upvoteQuestion(q2.id, 'c')).toBe(1);
      await expect(store.upvoteQuestion(q2.id, 'c')).rejects.toBeInstanceOf(StoreConflictError);
      expect((await store.listQuestions(debate.id)).map((q) => q.id)).toEqual([q2.id, q1.id]);
      await store.setQuestionState(q1.id, 'current', 'x');
      await store.setQuestionState(q2.id, 'current', 'x');
      expect((await store.getQuestion(q1.id))?.state).toBe('open');
      expect((await store.setQuestionState(q2.id, 'answered', '2026-01-01T00:10:00.000Z'))?.answeredAt).toBe(
        '2026-01-01T00:10:00.000Z',
      );

      expect(await store.creditComment({ debateId: debate.id, userId: 'a', commentId: 'c1', at: 'x' })).toBe(true);
      expect(await store.creditComment({ debateId: debate.id, userId: 'a', commentId: 'c1', at: 'x' })).toBe(false);
      await store.creditComment({ debateId: debate.id, userId: 'b', commentId: 'c1', at: 'x' });
      await store.creditComment({ debateId: debate.id, userId: 'b', commentId: 'c2', at: 'x' });
      expect(await store.listCredits(debate.id)).toEqual([
        { commentId: 'c1', credits: 2 },
        { commentId: 'c2', credits: 1 },
      ]);
    });

    it('stores and filters comments by debate position', async () => {
      const { article } = await setup();
      const author = await store.createUser({
        name: 'p',
        nameKey: 'p',
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      const base = { articleId: article.id, parentId: null, authorId: author.id, authorName: 'p' };
      await store.createComment({ ...base, body: 'for pk', positionId: 'pk' });
      await store.createComment({ ...base, body: 'for af', positionId: 'af' });
      await store.createComment({ ...base, body: 'no side' });
      const pk = await store.listComments({
        articleId: article.id,
        parentId: null,
        sort: 'old',
        limit: 10,
        positionId: 'pk',
      });
      expect(pk.items.map((c) => [c.body, c.positionId])).toEqual([['for pk', 'pk']]);
      expect(
        (await store.listComments({ articleId: article.id, parentId: null, sort: 'old', limit: 10 })).items,
      ).toHaveLength(3);
    });
  });
}
