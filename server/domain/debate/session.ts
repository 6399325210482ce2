/**
 * The host's use cases: set up the session (template or custom plan), drive it through the state
 * machine, give the floor. Every change is saved with compare-and-set before it is announced.
 */
import { templatePlan, type PhasePlan, type TemplateName } from '../../../shared/debate/model.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import { StoreConflictError } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import { loadDebate, requireHost } from './access.js';
import { initialState, nextDebateState, type HostCommand } from '../../../shared/debate/machine.js';

/**
 * The host (or a moderator, preparing it for them) sets up the plan. Allowed until the debate
 * starts; a running debate keeps its plan.
 */
export async function setupSession(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; template: TemplateName; plan?: PhasePlan[] | undefined },
): Promise<DebateSessionRecord> {
  const debate = await deps.store.getDebate(input.debateId);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.id !== debate.hostId) requireRole(actor, 'moderator');
  const plan = input.plan ?? templatePlan(input.template, debate.positions);
  const known = new Set(debate.positions.map((p) => p.id));
  for (const phase of plan) {
    if (phase.positionId !== null && !known.has(phase.positionId))
      throw new AppError('VALIDATION_FAILED', `Unknown position "${phase.positionId}" in the plan.`);
  }
  const existing = await deps.store.getDebateSession(debate.id);
  if (!existing) {
    const created = await deps.store
      .createDebateSession({ debateId: debate.id, template: input.template, plan, state: initialState(plan) })
      .catch((err: unknown) => {
        if (err instanceof StoreConflictError)
          throw new AppError('CONFLICT', 'The debate was set up at the same moment; look again.');
        throw err;
      });
    await deps.bus.publish('debateChanged', { debateId: debate.id, part: 'state' });
    return created;
  }
  if (existing.state.status !== 'scheduled')
    throw new AppError('INVALID_TRANSITION', 'The plan is fixed once the debate has begun.');
  const saved = await save(deps, existing, { state: initialState(plan), plan, template: input.template });
  return saved;
}

async function save(
  deps: Deps,
  session: DebateSessionRecord,
  patch: Parameters<Deps['store']['saveDebateSession']>[2],
): Promise<DebateSessionRecord> {
  try {
    const saved = await deps.store.saveDebateSession(session.debateId, session.version, patch);
    await deps.bus.publish('debateChanged', { debateId: session.debateId, part: 'state' });
    return saved;
  } catch (err) {
    if (err instanceof StoreConflictError)
      throw new AppError('CONFLICT', 'The debate changed at the same moment; try again.');
    throw err;
  }
}

export async function hostCommand(
  deps: Deps,
  actor: Actor | null,
  debateId: string,
  command: HostCommand,
): Promise<DebateSessionRecord> {
  const { debate, session } = await loadDebate(deps, debateId);
  requireHost(debate, actor);
  const now = deps.now();
  const next = nextDebateState(session.state, session.plan, command, now);
  if (!next.ok) throw new AppError('INVALID_TRANSITION', next.reason);
  const state = next.state;
  const saved = await save(deps, session, { state });
  if (state.phaseIndex !== session.state.phaseIndex || state.status !== session.state.status) {
    // A named version of every position summary at each phase change (issue 5's history).
    const label =
      state.phaseIndex !== null ? `Phase: ${session.plan[state.phaseIndex]?.title}` : `Debate ${state.status}`;
    await deps
      .debatePhaseChanged?.(debate.id, label)
      .catch((err: unknown) => deps.log.warn({ err, debateId }, 'phase snapshot failed'));
  }
  return saved;
}

/** The host gives the floor to someone (their hand is lowered) or takes it back (null). */
export async function giveFloor(
  deps: Deps,
  actor: Actor | null,
  debateId: string,
  userId: string | null,
): Promise<DebateSessionRecord> {
  const { debate, session } = await loadDebate(deps, debateId);
  requireHost(debate, actor);
  if (session.state.status !== 'live')
    throw new AppError('INVALID_TRANSITION', 'The floor is given during the phases.');
  let floor = null;
  if (userId) {
    const user = await deps.store.getUser(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    floor = { userId: user.id, name: user.name };
    if (await deps.store.lowerHand(debate.id, user.id))
      await deps.bus.publish('debateChanged', { debateId: debate.id, part: 'hands' });
  }
  return save(deps, session, { state: { ...session.state, floor } });
}
