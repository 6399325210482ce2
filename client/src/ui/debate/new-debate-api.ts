/**
 * The REST calls behind "Start a debate": find people by name, create the roster, set up the plan.
 * Each rejects with an ApiError carrying the server's `{ code, message }` (api/client.ts).
 */
import type { DebateCreateBody } from '../../../../shared/collab-schemas.js';
import type { PhasePlan, PreVotePolicy, TemplateName } from '../../../../shared/debate/model.js';
import type { PublicUser } from '../../../../shared/types.js';
import { apiRequest } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';

/** GET /api/users/lookup?name= -> at most 10 users whose name starts with `prefix` (moderators and admins). */
export async function lookupUsers(prefix: string, signal?: AbortSignal): Promise<PublicUser[]> {
  const answer = await apiRequest<{ items: PublicUser[] }>('/api/users/lookup', { query: { name: prefix }, signal });
  return answer.items;
}

/** POST /api/debates -> the new debate's id and its position ids, in the order sent (moderators and admins). */
export async function createDebate(body: DebateCreateBody): Promise<{ id: string; positionIds: string[] }> {
  const answer = await apiRequest<{ debate: { id: string; positions: Array<{ id: string }> } }>('/api/debates', {
    method: 'POST',
    body,
  });
  return { id: answer.debate.id, positionIds: answer.debate.positions.map((p) => p.id) };
}

/** POST /api/debates/:id/session -> the plan is set: `template`'s, or `plan` as edited (the host or a moderator). */
export async function setUpSession(
  debateId: string,
  setup: { template: TemplateName; plan?: PhasePlan[]; preVoteCloses?: PreVotePolicy },
): Promise<void> {
  await apiRequest<unknown>(`/api/debates/${encodeURIComponent(debateId)}/session`, {
    method: 'POST',
    body: setup,
  });
}

const FIELD_NAMES: Record<string, string> = { hostId: 'Host', motion: 'Motion', name: 'Name', debaterIds: 'debaters' };

/** "positions.1.debaterIds" -> "Position 2 debaters"; "hostId" -> "Host". */
function fieldName(path: string): string {
  const position = /^positions\.(\d+)(?:\.(\w+))?/.exec(path);
  if (position) {
    const field = position[2] ? ` ${(FIELD_NAMES[position[2]] ?? position[2]).toLowerCase()}` : '';
    return `Position ${Number(position[1]) + 1}${field}`;
  }
  return FIELD_NAMES[path] ?? path;
}

/**
 * A refusal as one sentence for people: the server's message, followed by what it said about each
 * field ("Position 2 debaters: a debater can argue one position only.").
 */
export function refusalMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  const details = error.details.map((d) => `${fieldName(d.path)}: ${d.message}.`);
  return [error.message, ...details].join(' ');
}
