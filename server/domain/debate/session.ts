/**
 * The host's use cases: set up the session (template or custom plan), drive it through the state
 * machine, give the floor. Every change is saved with compare-and-set before it is announced.
 */
import {
  templatePlan,
  type DebateState,
  type PhasePlan,
  type PreVotePolicy,
  type TemplateName,
} from '../../../shared/debate/model.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import { StoreConflictError } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import { loadDebate, requireHost } from './access.js';
import { notifyDebateLive } from '../notifications/triggers.js';
import { floorTurnEnd } from '../../../shared/debate/statements.js';
import {
  advanceAtTimeUp,
  initialState,
  nextDebateState,
  type ClockCommand,
  type HostCommand,
} from '../../../shared/debate/machine.js';

/**
 * The host (or a moderator, preparing it for them) sets up the plan. Allowed until the debate
 * starts; a running debate keeps its plan.
 */
export async function setupSession(
  deps: Deps,
  actor: Actor | null,
  input: {
    debateId: string;
    template: TemplateName;
    plan?: PhasePlan[] | undefined;
    preVoteCloses?: PreVotePolicy | undefined;
  },
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
      .createDebateSession({
        debateId: debate.id,
        template: input.template,
        plan,
        state: initialState(plan, input.preVoteCloses),
      })
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
  // A plan saved again keeps the pre-vote policy unless this request names one, and the stream link.
  const policy = input.preVoteCloses ?? existing.state.preVoteCloses;
  const state = { ...initialState(plan, policy), streamUrl: existing.state.streamUrl ?? null };
  const saved = await save(deps, existing, { state, plan, template: input.template });
  return saved;
}

/** Saves with compare-and-set on the version read and announces the change; CONFLICT if it moved meanwhile. */
export async function save(
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
  const next = nextDebateState(session.state, session.plan, command, deps.now());
  if (!next.ok) throw new AppError('INVALID_TRANSITION', next.reason);
  return commit(deps, session, next.state);
}

/**
 * The server moves a phase planned to auto-advance on at its end time (called by the clock's owner,
 * server/realtime/debate/timers.ts). Exactly once: the machine refuses unless the phase still runs
 * to that very `endsAt`, and the save is a compare-and-set on the version read, so of two processes
 * (or a process and its restarted self) racing on one end time, one moves and the other gets null.
 */
export async function advanceAtEnd(
  deps: Deps,
  debateId: string,
  command: ClockCommand,
): Promise<DebateSessionRecord | null> {
  const session = await deps.store.getDebateSession(debateId);
  if (!session) return null;
  const next = advanceAtTimeUp(session.state, session.plan, command);
  if (!next.ok) return null;
  try {
    return await commit(deps, session, next.state);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null;
    throw err;
  }
}

/** Saves a new state and, when the phase or stage changed, snapshots the position summaries. */
async function commit(deps: Deps, session: DebateSessionRecord, state: DebateState): Promise<DebateSessionRecord> {
  const saved = await save(deps, session, { state });
  if (state.phaseIndex !== session.state.phaseIndex || state.status !== session.state.status) {
    // A named version of every position summary at each phase change (issue 5's history).
    const label =
      state.phaseIndex !== null ? `Phase: ${session.plan[state.phaseIndex]?.title}` : `Debate ${state.status}`;
    await deps
      .debatePhaseChanged?.(session.debateId, label)
      .catch((err: unknown) => deps.log.warn({ err, debateId: session.debateId }, 'phase snapshot failed'));
  }
  // Its followers hear that it went live (issue 15); once, as only this save moved the status.
  if (state.status === 'live' && session.state.status !== 'live') await notifyDebateLive(deps, session.debateId);
  return saved;
}

/**
 * The server takes the floor back when a hand's turn ends (server/realtime/debate/floor-turns.ts).
 * Only while that very turn still holds the floor and its time is up; the save is a compare-and-set,
 * so of several processes firing on one turn, one takes it back and the others get null.
 */
export async function endFloorTurn(
  deps: Deps,
  debateId: string,
  turn: { userId: string; until: string },
): Promise<DebateSessionRecord | null> {
  const session = await deps.store.getDebateSession(debateId);
  const floor = session?.state.floor;
  if (!session || !floor || floor.userId !== turn.userId || floor.until !== turn.until) return null;
  if (deps.now().getTime() < Date.parse(turn.until)) return null;
  try {
    return await save(deps, session, { state: { ...session.state, floor: null } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null;
    throw err;
  }
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
    // A time-boxed turn in the statement stream (issue 13): they may post until `until`.
    floor = { userId: user.id, name: user.name, until: floorTurnEnd(deps.now()) };
    if (await deps.store.lowerHand(debate.id, user.id))
      await deps.bus.publish('debateAudience', { debateId: debate.id, part: 'hands' });
  }
  return save(deps, session, { state: { ...session.state, floor } });
}
