/**
 * What the debate panel says aloud to screen-reader users (one polite live region): the phase or
 * stage changing, the floor changing hands, a phase running into overtime. Worked out from two
 * moments of the debate, so nothing is said on first load and nothing twice.
 */
import { isPhaseLive } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { phaseTitle } from './words.js';

/** What the announcements follow, at one moment. */
export interface DebateMoment {
  /** Which stage or phase: status and phase index, so two phases of one title still differ. */
  stage: string;
  /** The stage or phase in words (phaseTitle). */
  title: string;
  /** Who was given the floor, or null. */
  floor: string | null;
  /** Whether the running phase is past its end. */
  overtime: boolean;
}

/** The moment `view` shows, with `overtime` as the clock reads it. */
export function momentOf(view: DebateView, overtime: boolean): DebateMoment {
  const { state } = view;
  return {
    stage: isPhaseLive(state) ? `${state.status}/${state.phaseIndex}` : state.status,
    title: phaseTitle(view),
    floor: state.floor?.name ?? null,
    overtime,
  };
}

/** Whether two moments would be announced alike (nothing to say between them). */
export function sameMoment(a: DebateMoment, b: DebateMoment): boolean {
  return a.stage === b.stage && a.title === b.title && a.floor === b.floor && a.overtime === b.overtime;
}

/** The sentence for going from `before` to `now`, or null when nothing worth saying changed. */
export function announcement(before: DebateMoment, now: DebateMoment): string | null {
  if (now.stage !== before.stage || now.title !== before.title) {
    return now.floor ? `Now: ${now.title}. ${now.floor} has the floor.` : `Now: ${now.title}.`;
  }
  if (now.floor !== before.floor) return now.floor ? `${now.floor} has the floor.` : 'The floor is open.';
  if (now.overtime && !before.overtime) return 'Time is up: this phase is in overtime.';
  return null;
}
