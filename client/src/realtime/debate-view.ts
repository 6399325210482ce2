/**
 * How a debate's live events change the view a client holds, independent of React. The server's
 * `version` orders state changes: an update older than the view is dropped, so a late broadcast
 * never undoes a newer acknowledgement. Countdowns are drawn against the server's clock through
 * `offsetMs` (DESIGN rule 6).
 */
import type { DebateView } from '../../../shared/debate/model.js';
import type { ServerToClientEvents } from '../../../shared/events.js';

export type StateUpdate = Parameters<ServerToClientEvents['debate:state']>[0];

export interface LiveDebate {
  view: DebateView;
  /** Server time minus local time when the last view or state arrived, in ms. */
  offsetMs: number;
}

/** The offset to add to Date.now() to read the server's clock. */
export function offsetFrom(serverNow: string): number {
  const server = Date.parse(serverNow);
  return Number.isNaN(server) ? 0 : server - Date.now();
}

/** A whole view (from debate:join or an acknowledgement) replaces an older or equal one. */
export function withView(current: LiveDebate | null, view: DebateView): LiveDebate {
  if (current && current.view.id === view.id && view.version < current.view.version) {
    // An answer that raced a newer broadcast: keep the newer state, take the rest.
    return {
      ...current,
      view: { ...view, state: current.view.state, version: current.view.version, results: current.view.results },
    };
  }
  return { view, offsetMs: offsetFrom(view.serverNow) };
}

/**
 * A state broadcast (with the plan, which the host may change until the debate starts). Results travel only once revealed; the host previews them before that, so a
 * host keeps the results they had while the debate stays at its results.
 */
export function withState(current: LiveDebate, update: StateUpdate): LiveDebate {
  const { view } = current;
  if (update.debateId !== view.id || update.version < view.version) return current;
  const finished = update.state.status === 'results' || update.state.status === 'closed';
  const results = update.results ?? (view.role.kind === 'host' && finished ? view.results : null);
  return {
    view: {
      ...view,
      state: update.state,
      plan: update.plan,
      version: update.version,
      serverNow: update.serverNow,
      results,
    },
    offsetMs: offsetFrom(update.serverNow),
  };
}

/** The viewer's own vote, as the server acknowledged it. */
export function withMyVote(current: LiveDebate, round: 'pre' | 'post', positionId: string): LiveDebate {
  return { ...current, view: { ...current.view, myVotes: { ...current.view.myVotes, [round]: positionId } } };
}

/** Hands, questions or the host's tally, which carry no version: the latest wins. */
export function withPart<K extends 'hands' | 'questions' | 'tally'>(
  current: LiveDebate,
  key: K,
  value: DebateView[K],
): LiveDebate {
  return { ...current, view: { ...current.view, [key]: value } };
}
