/** The common-ground part of the store contract (issue 16), run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import type { GroundScope, GroundStatementStatus, GroundVote } from '../../shared/common-ground.js';
import type { StoreHarness } from './contract.js';
import type { GroundStatementRecord, GroundVoteRecord } from './ground-store.js';
import { StoreNotFoundError, type Store } from './store.js';

const article: GroundScope = { kind: 'article', id: 'a1' };
const debate: GroundScope = { kind: 'debate', id: 'a1' }; // Same id, other kind: another scope.
const otherArticle: GroundScope = { kind: 'article', id: 'a2' };

const at = (second: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, second)).toISOString();

const statement = (
  scope: GroundScope,
  text: string,
  extra: Partial<Omit<GroundStatementRecord, 'id' | 'scope' | 'text'>> = {},
): Omit<GroundStatementRecord, 'id'> => ({
  scope,
  text,
  status: 'approved',
  commentId: null,
  proposedBy: 'mod',
  decidedBy: null,
  decidedAt: null,
  createdAt: at(0),
  ...extra,
});

/** Every vote of the scope, walking the pages until `next` is null; also how many pages it took. */
async function walkVotes(store: Store, scope: GroundScope, limit: number) {
  const votes: GroundVoteRecord[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: { votes: GroundVoteRecord[]; next: string | null } = await store.pageGroundVotes(scope, after, limit);
    pages += 1;
    expect(page.votes.length).toBeLessThanOrEqual(limit);
    // Only the last page may be short; an empty page only when there are no votes at all.
    if (page.next !== null) expect(page.votes).toHaveLength(limit);
    else if (pages > 1) expect(page.votes.length).toBeGreaterThan(0);
    votes.push(...page.votes);
    after = page.next;
    if (pages > 100_000) throw new Error('paging does not end');
  } while (after !== null);
  return { votes, pages };
}

const key = (v: Pick<GroundVoteRecord, 'statementId' | 'userId'>) => `${v.statementId}\u0000${v.userId}`;
/** Byte order of UTF-8, as both databases compare strings (ids here are ASCII). */
const byKey = (x: GroundVoteRecord, y: GroundVoteRecord) =>
  x.statementId === y.statementId ? (x.userId < y.userId ? -1 : 1) : x.statementId < y.statementId ? -1 : 1;

export function describeGroundContract(name: string, harness: StoreHarness): void {
  describe(`store contract, common ground: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    it('stores statements and lists a scope’s by status, oldest first, ties by id, after a reopen', async () => {
      store = await harness.open();
      const late = await store.addGroundStatement(statement(article, 'Late one', { createdAt: at(9) }));
      const tieA = await store.addGroundStatement(statement(article, 'Tie one', { createdAt: at(5) }));
      const tieB = await store.addGroundStatement(statement(article, 'Tie two', { createdAt: at(5) }));
      const proposed = await store.addGroundStatement(
        statement(article, 'Proposed one', { status: 'proposed', proposedBy: 'u1', createdAt: at(1), commentId: 'c1' }),
      );
      await store.addGroundStatement(statement(debate, 'In the debate', { createdAt: at(2) }));
      await store.addGroundStatement(statement(otherArticle, 'Elsewhere', { createdAt: at(3) }));
      expect(proposed).toEqual({
        id: expect.any(String),
        scope: article,
        text: 'Proposed one',
        status: 'proposed',
        commentId: 'c1',
        proposedBy: 'u1',
        decidedBy: null,
        decidedAt: null,
        createdAt: at(1),
      });
      expect(new Set([late.id, tieA.id, tieB.id, proposed.id]).size).toBe(4);

      store = await harness.reopen(store);
      expect(await store.getGroundStatement(proposed.id)).toEqual(proposed);
      expect(await store.getGroundStatement('no-such-statement')).toBeNull();
      const ties = [tieA, tieB].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(await store.listGroundStatements(article, ['approved'])).toEqual([...ties, late]);
      expect(await store.listGroundStatements(article, ['approved', 'proposed'])).toEqual([proposed, ...ties, late]);
      expect(await store.listGroundStatements(article, ['rejected'])).toEqual([]);
      expect(await store.listGroundStatements(article, [])).toEqual([]);
      expect((await store.listGroundStatements(debate, ['approved'])).map((s) => s.text)).toEqual(['In the debate']);
      expect((await store.listGroundStatements(otherArticle, ['approved'])).map((s) => s.text)).toEqual(['Elsewhere']);
      expect(await store.listGroundStatements({ kind: 'debate', id: 'none' }, ['approved', 'proposed'])).toEqual([]);
    });

    it('counts a reader’s waiting proposals per scope, and only while they wait', async () => {
      store = await harness.open();
      const propose = (scope: GroundScope, userId: string, status: GroundStatementStatus = 'proposed') =>
        store.addGroundStatement(statement(scope, `By ${userId}`, { status, proposedBy: userId }));
      const first = await propose(article, 'u1');
      await propose(article, 'u1');
      await propose(article, 'u2');
      await propose(debate, 'u1');
      await propose(article, 'u1', 'approved');
      await propose(article, 'u1', 'rejected');
      expect(await store.countWaitingProposals(article, 'u1')).toBe(2);
      expect(await store.countWaitingProposals(article, 'u2')).toBe(1);
      expect(await store.countWaitingProposals(debate, 'u1')).toBe(1);
      expect(await store.countWaitingProposals(otherArticle, 'u1')).toBe(0);
      expect(await store.countWaitingProposals(article, 'nobody')).toBe(0);
      await store.decideGroundStatement(first.id, { status: 'approved', decidedBy: 'mod', decidedAt: at(30) });
      expect(await store.countWaitingProposals(article, 'u1')).toBe(1);
    });

    it('decides a proposal once: of two decisions at once one wins, and decided statements stay as they are', async () => {
      store = await harness.open();
      const proposal = await store.addGroundStatement(
        statement(article, 'Both sides want peace', { status: 'proposed', proposedBy: 'u1' }),
      );
      const results = await Promise.all([
        store.decideGroundStatement(proposal.id, { status: 'approved', decidedBy: 'm1', decidedAt: at(10) }),
        store.decideGroundStatement(proposal.id, { status: 'rejected', decidedBy: 'm2', decidedAt: at(11) }),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const won = winners[0]!;
      expect(won).toEqual({
        ...proposal,
        status: won.decidedBy === 'm1' ? 'approved' : 'rejected',
        decidedBy: won.decidedBy,
        decidedAt: won.decidedBy === 'm1' ? at(10) : at(11),
      });
      expect(['m1', 'm2']).toContain(won.decidedBy);
      expect(await store.getGroundStatement(proposal.id)).toEqual(won);
      // Decided already: a later decision changes nothing.
      expect(
        await store.decideGroundStatement(proposal.id, { status: 'approved', decidedBy: 'm3', decidedAt: at(12) }),
      ).toBeNull();
      expect(await store.getGroundStatement(proposal.id)).toEqual(won);
      // Added approved (a moderator's own statement): nothing to decide.
      const added = await store.addGroundStatement(statement(article, 'Added approved'));
      expect(
        await store.decideGroundStatement(added.id, { status: 'rejected', decidedBy: 'm1', decidedAt: at(13) }),
      ).toBeNull();
      expect((await store.getGroundStatement(added.id))?.status).toBe('approved');
      expect(
        await store.decideGroundStatement('missing', { status: 'approved', decidedBy: 'm1', decidedAt: at(14) }),
      ).toBeNull();
    });

    it('withdraws an approved statement once (from: approved), and never a proposal that way', async () => {
      store = await harness.open();
      const added = await store.addGroundStatement(statement(article, 'Withdraw me'));
      const proposal = await store.addGroundStatement(
        statement(article, 'Still waiting', { status: 'proposed', proposedBy: 'u1' }),
      );
      const withdraw = (id: string, by: string) =>
        store.decideGroundStatement(id, { status: 'rejected', decidedBy: by, decidedAt: at(20), from: 'approved' });
      const results = await Promise.all([withdraw(added.id, 'm1'), withdraw(added.id, 'm2')]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await store.getGroundStatement(added.id))?.status).toBe('rejected');
      expect(await withdraw(proposal.id, 'm1')).toBeNull();
      expect((await store.getGroundStatement(proposal.id))?.status).toBe('proposed');
      expect((await store.listGroundStatements(article, ['approved'])).map((s) => s.id)).not.toContain(added.id);
    });

    it('keeps one vote per reader per statement, the last one, and lists a reader’s own per scope', async () => {
      store = await harness.open();
      const s1 = await store.addGroundStatement(statement(article, 'Statement one'));
      const s2 = await store.addGroundStatement(statement(article, 'Statement two'));
      const d1 = await store.addGroundStatement(statement(debate, 'Debate statement'));
      const vote = (statementId: string, userId: string, v: GroundVote, second = 0) =>
        store.castGroundVote({ statementId, userId, vote: v, at: at(second) });
      await vote(s1.id, 'u1', 'agree');
      await vote(s1.id, 'u1', 'disagree', 1);
      await vote(s1.id, 'u1', 'pass', 2);
      await vote(s2.id, 'u1', 'agree');
      await vote(s1.id, 'u2', 'disagree');
      await vote(d1.id, 'u1', 'disagree');
      // The same first vote five times at once: still one.
      await Promise.all(Array.from({ length: 5 }, () => vote(s2.id, 'u3', 'agree')));
      const mine: GroundVoteRecord[] = [
        { statementId: s1.id, userId: 'u1', vote: 'pass' },
        { statementId: s2.id, userId: 'u1', vote: 'agree' },
      ];
      // In statement id order.
      expect(await store.listMyGroundVotes(article, 'u1')).toEqual(mine.sort(byKey));
      expect(await store.listMyGroundVotes(debate, 'u1')).toEqual([
        { statementId: d1.id, userId: 'u1', vote: 'disagree' },
      ]);
      expect(await store.listMyGroundVotes(otherArticle, 'u1')).toEqual([]);
      expect(await store.listMyGroundVotes(article, 'u3')).toEqual([
        { statementId: s2.id, userId: 'u3', vote: 'agree' },
      ]);
      const all = await walkVotes(store, article, 100);
      expect(all.votes).toHaveLength(4);
      await expect(vote('no-such-statement', 'u1', 'agree')).rejects.toBeInstanceOf(StoreNotFoundError);
      await expect(vote('no-such-statement', 'u1', 'agree')).rejects.toMatchObject({ what: 'statement' });
      store = await harness.reopen(store);
      expect((await store.listMyGroundVotes(article, 'u2')).map((v) => v.vote)).toEqual(['disagree']);
    });

    it('pages every vote of a scope exactly once, in (statement, user) order, whatever the statement status', async () => {
      store = await harness.open();
      const statuses: GroundStatementStatus[] = ['approved', 'proposed', 'rejected'];
      const made = [];
      for (let i = 0; i < 30; i++)
        made.push(await store.addGroundStatement(statement(article, `Statement ${i}`, { status: statuses[i % 3]! })));
      const elsewhere = await store.addGroundStatement(statement(debate, 'Not this scope'));
      const expected: GroundVoteRecord[] = [];
      const votes: GroundVote[] = ['agree', 'disagree', 'pass'];
      // 30 statements × 100 readers, one skipped in seven: 2,571 votes.
      for (const [i, s] of made.entries())
        for (let u = 0; u < 100; u++) {
          if ((i + u) % 7 === 0) continue;
          const record: GroundVoteRecord = {
            statementId: s.id,
            userId: `user-${String(u).padStart(3, '0')}`,
            vote: votes[(i * u) % 3]!,
          };
          await store.castGroundVote({ ...record, at: at(0) });
          expected.push(record);
        }
      for (let u = 0; u < 20; u++)
        await store.castGroundVote({ statementId: elsewhere.id, userId: `user-${u}`, vote: 'agree', at: at(0) });
      expected.sort(byKey);
      expect(expected.length).toBe(2571);

      for (const limit of [1000, 97, 2571, 2570]) {
        const { votes: got, pages } = await walkVotes(store, article, limit);
        expect(pages, `limit ${limit}`).toBe(Math.ceil(expected.length / limit));
        expect(got, `limit ${limit}`).toEqual(expected);
        expect(new Set(got.map(key)).size).toBe(expected.length);
      }
      // A page as large as everything ends at once; an empty scope gives one empty last page.
      expect(await store.pageGroundVotes(article, null, 5000)).toEqual({ votes: expected, next: null });
      expect(await store.pageGroundVotes(otherArticle, null, 10)).toEqual({ votes: [], next: null });
      expect((await walkVotes(store, debate, 7)).votes).toHaveLength(20);
      // A malformed cursor starts from the beginning.
      expect((await store.pageGroundVotes(article, 'not a cursor', 3)).votes).toEqual(expected.slice(0, 3));
      // A vote changed between pages is still read once, with its new value.
      const first = await store.pageGroundVotes(article, null, 10);
      const changed = expected[500]!;
      await store.castGroundVote({ ...changed, vote: changed.vote === 'agree' ? 'pass' : 'agree', at: at(1) });
      const rest = await walkVotes(store, article, 1000);
      expect([...first.votes, ...rest.votes].filter((v) => key(v) === key(changed))).toEqual([
        { ...changed, vote: changed.vote === 'agree' ? 'pass' : 'agree' },
      ]);
    });

    it('pages votes after a cursor from the middle of a statement, and a cursor of another scope yields only this scope', async () => {
      store = await harness.open();
      const s = await store.addGroundStatement(statement(article, 'Only statement'));
      const d = await store.addGroundStatement(statement(debate, 'Debate statement'));
      for (const u of ['u1', 'u2', 'u3', 'u4', 'u5']) {
        await store.castGroundVote({ statementId: s.id, userId: u, vote: 'agree', at: at(0) });
        await store.castGroundVote({ statementId: d.id, userId: u, vote: 'pass', at: at(0) });
      }
      const first = await store.pageGroundVotes(article, null, 2);
      expect(first.votes.map((v) => v.userId)).toEqual(['u1', 'u2']);
      const second = await store.pageGroundVotes(article, first.next, 2);
      expect(second.votes.map((v) => v.userId)).toEqual(['u3', 'u4']);
      const last = await store.pageGroundVotes(article, second.next, 2);
      expect(last).toEqual({ votes: [{ statementId: s.id, userId: 'u5', vote: 'agree' }], next: null });
      // The debate's cursor used on the article: nothing of the debate comes back.
      const debatePage = await store.pageGroundVotes(debate, null, 2);
      const crossed = await store.pageGroundVotes(article, debatePage.next, 10);
      expect(crossed.votes.every((v) => v.statementId === s.id)).toBe(true);
    });

    it('reads each audience member’s latest stance: the post-vote, else the pre-vote', async () => {
      store = await harness.open();
      const cast = (debateId: string, round: 'pre' | 'post', userId: string, positionId: string) =>
        store.castDebateVote({ debateId, round, userId, positionId, at: at(0) });
      expect(await store.listDebateStances('d1')).toEqual([]);
      await cast('d1', 'pre', 'u1', 'p1');
      await cast('d1', 'post', 'u1', 'p2'); // Changed their mind: post wins.
      await cast('d1', 'pre', 'u2', 'p1'); // Pre only.
      await cast('d1', 'post', 'u3', 'p2'); // Post only.
      await cast('d1', 'post', 'u4', 'p1');
      await cast('d1', 'pre', 'u4', 'p2'); // Pre cast after post: post still wins.
      await cast('d2', 'post', 'u2', 'p9'); // Another debate.
      await cast('d1', 'pre', 'u2', 'p2'); // A changed pre-vote: the latest pre-vote.
      // In user id order.
      expect(await store.listDebateStances('d1')).toEqual([
        { userId: 'u1', positionId: 'p2' },
        { userId: 'u2', positionId: 'p2' },
        { userId: 'u3', positionId: 'p2' },
        { userId: 'u4', positionId: 'p1' },
      ]);
      expect(await store.listDebateStances('d2')).toEqual([{ userId: 'u2', positionId: 'p9' }]);
    });
  });
}
