/**
 * The session's live stream link (issue 13): the host, or a moderator or admin for them, attaches
 * a video or audio link, changes it or takes it away at any point before the debate closes. Only
 * links the shared parser accepts are kept; the audience's panels read the same parser to embed it.
 */
import { parseStreamLink } from '../../../shared/debate/stream-link.js';
import type { DebateSessionRecord } from '../../store/debate-store.js';
import { AppError } from '../../errors.js';
import type { Deps } from '../deps.js';
import { requireRole, type Actor } from '../users.js';
import { loadDebate } from './access.js';
import { save } from './session.js';

/** Sets the link (`url`) or clears it (null); saved with compare-and-set, then announced as a state change. */
export async function setStreamLink(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; url: string | null },
): Promise<DebateSessionRecord> {
  const { debate, session } = await loadDebate(deps, input.debateId);
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.id !== debate.hostId) requireRole(actor, 'moderator');
  if (session.state.status === 'closed')
    throw new AppError('INVALID_TRANSITION', 'The debate is closed; its stream link can no longer change.');
  let streamUrl: string | null = null;
  if (input.url !== null) {
    const parsed = parseStreamLink(input.url);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.reason);
    // The link as the host gave it (the console shows it back); the embed is derived from it on read.
    streamUrl = input.url.trim();
  }
  if ((session.state.streamUrl ?? null) === streamUrl) return session;
  return save(deps, session, { state: { ...session.state, streamUrl } });
}
