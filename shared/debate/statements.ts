/**
 * The floor, live (issue 13): the statement stream of a debate. Who may post a paragraph now, how
 * long a raised hand's turn lasts, and how a typed text becomes paragraphs. Shared so that the
 * server (which has the last word) and the client (which shows the composer only to those who may
 * speak) apply one rule.
 */
import { isPhaseLive } from './machine.js';
import type { DebateState, PhasePlan } from './model.js';

/** How long a raised hand given the floor may speak, from the moment the host gives it. */
export const FLOOR_TURN_SECONDS = 120;

/** One paragraph of the stream, as stored and as everyone in the debate sees it. */
export interface StatementView {
  debateId: string;
  /** The debate's own sequence: 1, 2, 3 ... with no gaps, in the order the paragraphs were posted. */
  seq: number;
  /** The phase (index into the plan) it was delivered in. */
  phaseIndex: number;
  /**
   * Who spoke. For the host (posting for the position whose phase it is) this is the host, with
   * that position; for a hand given the floor, their position if they debate, else null.
   */
  speaker: { userId: string; name: string; positionId: string | null };
  /** How the speaker came to speak: a debater in their phase, a hand given the floor, or the host. */
  via: StatementVia;
  text: string;
  createdAt: string;
}

export type StatementVia = 'debater' | 'floor' | 'host';

/** What `debate:transcript` answers: the paragraphs after `sinceSeq`, oldest first, and the newest seq. */
export interface Transcript {
  debateId: string;
  statements: StatementView[];
  /** The debate's newest seq when the transcript was read (0: nothing posted yet). */
  seq: number;
}

/** When a turn on the floor given at `now` ends (ISO 8601, server clock). */
export function floorTurnEnd(now: Date): string {
  return new Date(now.getTime() + FLOOR_TURN_SECONDS * 1000).toISOString();
}

/** The debate as the speaking rule needs it: its host and who debates for which position. */
export interface SpeakingRoster {
  hostId: string;
  positions: Array<{ id: string; debaterIds: string[] }>;
}

export type SpeakingRight =
  | { ok: true; via: StatementVia; phaseIndex: number; positionId: string | null }
  | { ok: false; code: 'INVALID_TRANSITION' | 'FORBIDDEN'; reason: string };

/**
 * Whether `userId` may post a paragraph now (`now`: server time, epoch ms). While a phase is in
 * progress (running or paused, overtime included) these may speak:
 * - the host, for the position whose phase it is;
 * - a debater of that position; in a phase that belongs to no position (audience questions, an
 *   open debate) every debater;
 * - whoever holds the floor, until their turn ends (`floor.until`) or the host takes it back.
 */
export function speakingRight(
  state: DebateState,
  plan: PhasePlan[],
  roster: SpeakingRoster,
  userId: string,
  now: number,
): SpeakingRight {
  if (!isPhaseLive(state))
    return { ok: false, code: 'INVALID_TRANSITION', reason: 'Statements are posted while a phase is in progress.' };
  const phaseIndex = state.phaseIndex;
  const phasePosition = plan[phaseIndex]?.positionId ?? null;
  if (userId === roster.hostId) return { ok: true, via: 'host', phaseIndex, positionId: phasePosition };
  const own = roster.positions.find((p) => p.debaterIds.includes(userId))?.id ?? null;
  if (own !== null && (phasePosition === null || phasePosition === own))
    return { ok: true, via: 'debater', phaseIndex, positionId: own };
  const floor = state.floor;
  if (floor && floor.userId === userId) {
    if (floor.until && Date.parse(floor.until) <= now)
      return { ok: false, code: 'FORBIDDEN', reason: 'Your turn on the floor has ended.' };
    return { ok: true, via: 'floor', phaseIndex, positionId: own };
  }
  return {
    ok: false,
    code: 'FORBIDDEN',
    reason:
      own !== null
        ? 'This phase belongs to the other side; wait for yours, or raise your hand for the floor.'
        : 'Only the debaters whose phase it is, the host and whoever has the floor may speak; raise your hand to ask for the floor.',
  };
}

/**
 * A typed text as the paragraphs it holds: split at blank lines, each trimmed, empty ones dropped.
 * The composer posts each as its own statement; the server takes one paragraph per post.
 */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** True when `text` is one paragraph (no blank line inside). */
export const isOneParagraph = (text: string): boolean => splitParagraphs(text).length <= 1;
