/** Loading a debate with its session, and who the actor is in it. */
import type { DebateView } from '../../../shared/debate/model.js';
import type { DebateRecord } from '../../store/collab-store.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../users.js';

export interface LoadedDebate {
  debate: DebateRecord;
  session: DebateSessionRecord;
}

export async function loadDebate(deps: Deps, debateId: string): Promise<LoadedDebate> {
  const debate = await deps.store.getDebate(debateId);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  const session = await deps.store.getDebateSession(debateId);
  if (!session) throw new AppError('DEBATE_NOT_SET_UP');
  return { debate, session };
}

export function roleIn(debate: DebateRecord, actor: Actor | null): DebateView['role'] {
  if (actor && actor.id === debate.hostId) return { kind: 'host' };
  const position = actor ? debate.positions.find((p) => p.debaterIds.includes(actor.id)) : undefined;
  return position ? { kind: 'debater', positionId: position.id } : { kind: 'audience' };
}

/** Only the host drives the session: anyone else is refused. */
export function requireHost(debate: DebateRecord, actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.id !== debate.hostId) throw new AppError('FORBIDDEN', 'Only the host of this debate can do that.');
  return actor;
}
