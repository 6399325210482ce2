/**
 * The debate roster, as far as collaborative summaries need it: who hosts and who argues which
 * position. Moderators create debates; the host or a moderator changes the roster, and open
 * connections to the debate's summaries re-check their access at once.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import type { DebatePosition, DebateRecord } from '../../store/collab-store.js';
import { positionDocName } from '../../../shared/doc-names.js';
import type { DebateRoster } from '../../../shared/debate/model.js';
import type { DebateCreateInput, RosterPatchInput } from '../../../shared/collab-schemas.js';
import { isStaff } from '../../../shared/types.js';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);

/** Refuses unknown users and anyone on two positions. */
async function checkPeople(deps: Deps, hostId: string, positions: Array<{ debaterIds: string[] }>): Promise<void> {
  if (!(await deps.store.getUser(hostId))) throw invalid('hostId', 'no such user');
  const seen = new Set<string>();
  for (const [i, position] of positions.entries()) {
    for (const id of position.debaterIds) {
      if (seen.has(id)) throw invalid(`positions.${i}.debaterIds`, 'a debater can argue one position only');
      seen.add(id);
      if (!(await deps.store.getUser(id))) throw invalid(`positions.${i}.debaterIds`, `no such user: ${id}`);
    }
  }
}

export async function rosterView(deps: Deps, debate: DebateRecord): Promise<DebateRoster> {
  const ids = new Set([debate.hostId, ...debate.positions.flatMap((p) => p.debaterIds)]);
  const people: Record<string, string> = {};
  for (const id of ids) {
    const user = await deps.store.getUser(id);
    if (user) people[id] = user.name;
  }
  return {
    ...debate,
    positions: debate.positions.map((p) => ({ ...p, docName: positionDocName(debate.id, p.id) })),
    people,
  };
}

/**
 * Moderators and admins create debates for any host; a user with the host role creates debates
 * they host themselves (hosting is what the role gives, not naming others to host).
 */
export async function createDebate(deps: Deps, actor: Actor | null, input: DebateCreateInput): Promise<DebateRecord> {
  const creator = requireRole(actor, 'host');
  if (!isStaff(creator.role) && input.hostId !== creator.id)
    throw new AppError('FORBIDDEN', 'A host creates debates they host themselves; a moderator can name another host.');
  if (!(await deps.store.getArticle(input.articleId))) throw new AppError('NOT_FOUND', 'No such article.');
  await checkPeople(deps, input.hostId, input.positions);
  const created = await deps.store.createDebate({
    articleId: input.articleId,
    hostId: input.hostId,
    motion: input.motion,
    positions: input.positions.map((p) => ({ id: randomUUID(), name: p.name, debaterIds: [...new Set(p.debaterIds)] })),
  });
  // A new roster like any other: the front page's badge (and anyone following rosters) hears of it.
  await deps.bus.publish('debateRoster', { debate: created });
  return created;
}

export async function readDebate(deps: Deps, id: string): Promise<DebateRecord> {
  const debate = await deps.store.getDebate(id);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  return debate;
}

/**
 * Changes the host and/or the positions. A position given with its id keeps its summary; one
 * without an id is new; a position left out is dropped from the roster (its summary stays stored,
 * but nobody can open it, and open connections to it close with 4004).
 */
export async function updateRoster(
  deps: Deps,
  actor: Actor | null,
  id: string,
  patch: RosterPatchInput,
): Promise<DebateRecord> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const debate = await readDebate(deps, id);
  const isModerator = actor.role === 'moderator' || actor.role === 'admin';
  if (!isModerator && actor.id !== debate.hostId)
    throw new AppError('FORBIDDEN', 'Only the host and moderators change the roster.');
  let positions: DebatePosition[] | undefined;
  if (patch.positions) {
    const known = new Set(debate.positions.map((p) => p.id));
    const given = new Set<string>();
    positions = patch.positions.map((p, i) => {
      if (p.id !== undefined && (!known.has(p.id) || given.has(p.id)))
        throw invalid(`positions.${i}.id`, 'no such position');
      if (p.id !== undefined) given.add(p.id);
      return { id: p.id ?? randomUUID(), name: p.name, debaterIds: [...new Set(p.debaterIds)] };
    });
  }
  await checkPeople(deps, patch.hostId ?? debate.hostId, positions ?? debate.positions);
  const updated = await deps.store.updateDebateRoster(id, {
    ...(patch.hostId !== undefined ? { hostId: patch.hostId } : {}),
    ...(positions ? { positions } : {}),
  });
  if (!updated) throw new AppError('NOT_FOUND', 'No such debate.');
  // Open connections to the debate's summaries re-check their access (collab/ listens).
  await deps.bus.publish('debateRoster', { debate: updated });
  return updated;
}
