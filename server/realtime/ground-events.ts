/**
 * Common ground over socket.io (issue 16): watching a scope, voting, proposing and deciding, and
 * the broadcasts that follow. The analysis is the same for every viewer and carries no voter; a
 * viewer's own votes travel only in the answer to their own `ground:watch` and `ground:vote`.
 */
import { scopeKey, type GroundScope } from '../../shared/common-ground.js';
import type { Bus } from '../bus/bus.js';
import type { CommonGroundGroups } from '../domain/common-ground/groups.js';
import {
  castStatementVote,
  decideStatement,
  proposalsOf,
  proposeStatement,
  statementsView,
  toGroundStatement,
} from '../domain/common-ground/statements.js';
import type { Deps } from '../domain/deps.js';
import type { RequestHandlers } from './requests.js';
import { groundManagersRoom, groundRoom, userRoom, type ParleyServer } from './types.js';

export const groundRequests = (deps: Deps, groups: CommonGroundGroups) =>
  ({
    'ground:watch': async ({ scope }, { socket, actor }) => {
      const me = await actor();
      const key = scopeKey(scope);
      // In the room before the read (DESIGN rule 3): what changes after the read reaches the page live.
      await socket.join(groundRoom(key));
      const view = await statementsView(deps, me, scope);
      if (view.canManage) await socket.join(groundManagersRoom(key));
      return { scope, ...view, analysis: await groups.analysis(scope) };
    },
    'ground:unwatch': async ({ scope }, { socket }) => {
      const key = scopeKey(scope);
      await socket.leave(groundRoom(key));
      await socket.leave(groundManagersRoom(key));
      return null;
    },
    'ground:vote': async (input, { actor }) => castStatementVote(deps, await actor(), input),
    'ground:propose': async (input, { actor }) => toGroundStatement(await proposeStatement(deps, await actor(), input)),
    'ground:decide': async (input, { actor }) => toGroundStatement(await decideStatement(deps, await actor(), input)),
  }) satisfies Partial<RequestHandlers>;

/**
 * Sends what changed: the analysis to this process's own watchers (every process computes its
 * own from the same votes), statement lists and proposals through the adapter (the process that
 * committed the change sends them once, to every process's sockets).
 */
export function startGroundBroadcasts(deps: Deps, io: ParleyServer, bus: Bus, groups: CommonGroundGroups): () => void {
  const stopAnalysis = groups.onAnalysis((analysis) => {
    io.local.to(groundRoom(analysis.scopeKey)).emit('ground:analysis', analysis);
  });
  const stopStatements = bus.subscribe('groundStatements', async ({ scope, decided }) => {
    const key = scopeKey(scope);
    const [approved, proposed] = await Promise.all([
      deps.store.listGroundStatements(scope, ['approved']),
      deps.store.listGroundStatements(scope, ['proposed']),
    ]);
    io.to(groundRoom(key)).emit('ground:statements', { scopeKey: key, statements: approved.map(toGroundStatement) });
    io.to(groundManagersRoom(key)).emit('ground:proposals', {
      scopeKey: key,
      proposals: await proposalsOf(deps, proposed),
    });
    if (decided?.proposedBy && decided.proposedBy !== decided.decidedBy)
      io.to(userRoom(decided.proposedBy)).emit('ground:decided', toGroundStatement(decided));
    // A statement added, approved or withdrawn changes the matrix's columns: compute again.
    groups.touch(scope as GroundScope);
  });
  // An audience vote moves a position's supporters between groups (debate scopes).
  const stopAudience = bus.subscribe('debateAudience', ({ debateId, part }) => {
    if (part === 'votes') groups.touch({ kind: 'debate', id: debateId });
  });
  return () => {
    stopAnalysis();
    stopStatements();
    stopAudience();
  };
}
