import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATEMENT_LIMITS } from '../../../shared/common-ground.js';
import { postComment } from '../discussion.js';
import {
  codeOf,
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { castStatementVote, decideStatement, proposeStatement, statementsView } from './statements.js';

describe('common ground statements', () => {
  let m: MemoryDeps;
  let moderator: Actor;
  let reader: Actor;
  let articleId: string;
  beforeEach(async () => {
    m = await createMemoryDeps();
    moderator = await makeUser(m.deps, 'moderator');
    reader = await makeUser(m.deps, 'reader');
    articleId = (await makeArticle(m.deps)).id;
  });
  afterEach(() => m.close());
  const scopeOf = () => ({ kind: 'article' as const, id: articleId });

  it('approves a moderator’s statement at once and keeps a reader’s waiting for a decision', async () => {
    const added = await proposeStatement(m.deps, moderator, { scope: scopeOf(), text: 'Civilians must be protected' });
    expect(added.status).toBe('approved');
    const proposed = await proposeStatement(m.deps, reader, { scope: scopeOf(), text: 'Talks should resume now' });
    expect(proposed.status).toBe('proposed');
    const asReader = await statementsView(m.deps, reader, scopeOf());
    expect(asReader.statements.map((s) => s.text)).toEqual(['Civilians must be protected']);
    expect(asReader.myProposals.map((s) => s.id)).toEqual([proposed.id]);
    expect(asReader.canManage).toBe(false);
    expect(asReader.proposals).toEqual([]);
    const asModerator = await statementsView(m.deps, moderator, scopeOf());
    expect(asModerator.proposals).toMatchObject([
      { id: proposed.id, proposedBy: { id: reader.id, name: reader.name } },
    ]);

    const approved = await decideStatement(m.deps, moderator, { statementId: proposed.id, decision: 'approve' });
    expect(approved.status).toBe('approved');
    // A second decision finds it decided.
    expect(await codeOf(decideStatement(m.deps, moderator, { statementId: proposed.id, decision: 'reject' }))).toBe(
      'ALREADY_HANDLED',
    );
    expect(await codeOf(decideStatement(m.deps, reader, { statementId: proposed.id, decision: 'reject' }))).toBe(
      'FORBIDDEN',
    );
    expect(m.bus.of('groundStatements').map((e) => e.decided?.id ?? null)).toEqual([null, null, proposed.id]);
  });

  it('lets a debate’s host manage its statements, not another debate’s', async () => {
    const host = await makeUser(m.deps, 'host');
    const debate = await makeDebate(m.deps, { articleId, host, positions: [{ id: 'p', name: 'P' }] });
    const own = await proposeStatement(m.deps, host, {
      scope: { kind: 'debate', id: debate.id },
      text: 'Both sides agree',
    });
    expect(own.status).toBe('approved');
    const onArticle = await proposeStatement(m.deps, host, { scope: scopeOf(), text: 'A host on the article' });
    expect(onArticle.status).toBe('proposed');
  });

  it('makes a comment a statement (managers only), refusing one too long to be a statement', async () => {
    const short = await postComment(m.deps, reader, { articleId, body: 'Both   governments must talk.' });
    const long = await postComment(m.deps, reader, { articleId, body: 'x'.repeat(STATEMENT_LIMITS.textMax + 1) });
    const marked = await proposeStatement(m.deps, moderator, { scope: scopeOf(), commentId: short.comment.id });
    expect(marked).toMatchObject({
      text: 'Both governments must talk.',
      commentId: short.comment.id,
      status: 'approved',
    });
    expect(await codeOf(proposeStatement(m.deps, reader, { scope: scopeOf(), commentId: short.comment.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(proposeStatement(m.deps, moderator, { scope: scopeOf(), commentId: long.comment.id }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      await codeOf(proposeStatement(m.deps, moderator, { scope: scopeOf(), text: 'both governments must TALK.' })),
    ).toBe('CONFLICT');
  });

  it('keeps one vote per reader per statement, changeable, and tells the bus without telling anyone else', async () => {
    const s = await proposeStatement(m.deps, moderator, { scope: scopeOf(), text: 'Civilians must be protected' });
    await castStatementVote(m.deps, reader, { statementId: s.id, vote: 'agree' });
    await castStatementVote(m.deps, reader, { statementId: s.id, vote: 'pass' });
    expect((await statementsView(m.deps, reader, scopeOf())).myVotes).toEqual({ [s.id]: 'pass' });
    expect((await statementsView(m.deps, moderator, scopeOf())).myVotes).toEqual({});
    expect(m.bus.of('groundVote').map((v) => v.vote)).toEqual(['agree', 'pass']);
    const waiting = await proposeStatement(m.deps, reader, { scope: scopeOf(), text: 'Not approved yet' });
    expect(await codeOf(castStatementVote(m.deps, reader, { statementId: waiting.id, vote: 'agree' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(castStatementVote(m.deps, null, { statementId: s.id, vote: 'agree' }))).toBe('UNAUTHENTICATED');
  });

  it('lets a manager withdraw an approved statement: off the list, votes refused, once only', async () => {
    const s = await proposeStatement(m.deps, moderator, { scope: scopeOf(), text: 'A statement to withdraw' });
    await castStatementVote(m.deps, reader, { statementId: s.id, vote: 'agree' });
    expect(await codeOf(decideStatement(m.deps, reader, { statementId: s.id, decision: 'withdraw' }))).toBe(
      'FORBIDDEN',
    );
    const withdrawn = await decideStatement(m.deps, moderator, { statementId: s.id, decision: 'withdraw' });
    expect(withdrawn.status).toBe('rejected');
    expect((await statementsView(m.deps, reader, scopeOf())).statements).toEqual([]);
    expect(await codeOf(castStatementVote(m.deps, reader, { statementId: s.id, vote: 'pass' }))).toBe('NOT_FOUND');
    expect(await codeOf(decideStatement(m.deps, moderator, { statementId: s.id, decision: 'withdraw' }))).toBe(
      'ALREADY_HANDLED',
    );
    // The lists change for everyone; the proposer is not told their statement was "rejected".
    expect(m.bus.of('groundStatements').at(-1)).toEqual({ scope: scopeOf(), decided: null });
  });

  it('caps a reader’s waiting proposals', async () => {
    for (let i = 0; i < STATEMENT_LIMITS.waitingPerReader; i++)
      await proposeStatement(m.deps, reader, { scope: scopeOf(), text: `Proposal number ${i}` });
    expect(await codeOf(proposeStatement(m.deps, reader, { scope: scopeOf(), text: 'One too many' }))).toBe(
      'RATE_LIMITED',
    );
  });

  it('refuses an unknown scope', async () => {
    expect(await codeOf(statementsView(m.deps, reader, { kind: 'debate', id: 'nope' }))).toBe('NOT_FOUND');
  });
});
