/**
 * The plan a host edits before the start: a template's phases for the positions, then changed by
 * hand (titles, lengths, order, auto-advance), plus the pre-vote policy. Pure, so it is tested
 * without a page; the server checks the result again (shared/schemas.ts debateSetupRequest).
 */
import {
  templatePlan,
  type PhasePlan,
  type PreVotePolicy,
  type TemplateName,
} from '../../../../shared/debate/model.js';

export interface PlanDraft {
  template: TemplateName;
  plan: PhasePlan[];
  preVoteCloses: PreVotePolicy;
}

/** What the server takes at least and at most for a phase (seconds), as shared/schemas.ts says. */
export const PHASE_SECONDS = { min: 2, max: 4 * 3600 } as const;

export function draftOf(template: TemplateName, positions: Array<{ id: string; name: string }>): PlanDraft {
  return { template, plan: templatePlan(template, positions), preVoteCloses: 'start' };
}

/** Phase `index` changed by `change`. */
export function editPhase(draft: PlanDraft, index: number, change: Partial<PhasePlan>): PlanDraft {
  return { ...draft, plan: draft.plan.map((p, i) => (i === index ? { ...p, ...change } : p)) };
}

/** Phase `index` moved one place up (-1) or down (+1); nothing at the ends. */
export function movePhase(draft: PlanDraft, index: number, by: -1 | 1): PlanDraft {
  const to = index + by;
  if (to < 0 || to >= draft.plan.length) return draft;
  const plan = [...draft.plan];
  [plan[index], plan[to]] = [plan[to]!, plan[index]!];
  return { ...draft, plan };
}

/** Phase `index` removed (the last phase stays: a plan has at least one). */
export function removePhase(draft: PlanDraft, index: number): PlanDraft {
  return draft.plan.length <= 1 ? draft : { ...draft, plan: draft.plan.filter((_, i) => i !== index) };
}

/**
 * Minutes and seconds as typed, as whole seconds brought within what the server takes (so typing
 * "0" minutes on the way to 0:30 gives 0:02 for a moment, not a refusal); null if not a length.
 */
export function secondsOf(minutes: string, seconds: string): number | null {
  const m = minutes.trim() === '' ? 0 : Number(minutes);
  const s = seconds.trim() === '' ? 0 : Number(seconds);
  if (!Number.isInteger(m) || !Number.isInteger(s) || m < 0 || s < 0 || s > 59) return null;
  return Math.min(PHASE_SECONDS.max, Math.max(PHASE_SECONDS.min, m * 60 + s));
}

/** The draft with its position keys replaced by the real position ids, in the same order (the new-debate form knows them only after creating). */
export function withPositionIds(draft: PlanDraft, keys: string[], ids: string[]): PlanDraft {
  const idOf = new Map(keys.map((k, i) => [k, ids[i]!]));
  return {
    ...draft,
    plan: draft.plan.map((p) => ({
      ...p,
      positionId: p.positionId === null ? null : (idOf.get(p.positionId) ?? null),
    })),
  };
}
