/** The transcript part of a debate's report: every statement of the floor, grouped by phase. */
import type { PhasePlan, TranscriptOfPhase } from '../../../shared/debate/model.js';
import type { StatementRecord } from '../../store/statement-store.js';
import type { Deps } from '../deps.js';

/** Read in pages this long: a long debate's stream never comes in one read. */
const PAGE = 500;

async function allStatements(deps: Deps, debateId: string): Promise<StatementRecord[]> {
  const all: StatementRecord[] = [];
  for (;;) {
    const page = await deps.store.listStatements(debateId, all.at(-1)?.seq ?? 0, PAGE);
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/**
 * The statements of the debate per phase, in plan order, each phase's in the order delivered (seq);
 * a phase run twice (after Back) has all its statements together. Phases with none are left out.
 */
export async function transcriptByPhase(
  deps: Deps,
  debateId: string,
  plan: PhasePlan[],
  positions: Array<{ id: string; name: string }>,
): Promise<TranscriptOfPhase[]> {
  const byPhase = new Map<number, StatementRecord[]>();
  for (const s of await allStatements(deps, debateId)) {
    const list = byPhase.get(s.phaseIndex) ?? [];
    list.push(s);
    byPhase.set(s.phaseIndex, list);
  }
  const nameOf = (id: string | null) => (id === null ? null : (positions.find((p) => p.id === id)?.name ?? null));
  return [...byPhase.keys()]
    .sort((a, b) => a - b)
    .map((phaseIndex) => ({
      phaseIndex,
      title: plan[phaseIndex]?.title ?? `Phase ${phaseIndex + 1}`,
      statements: byPhase.get(phaseIndex)!.map((s) => ({
        speaker: s.speaker.name,
        positionName: nameOf(s.speaker.positionId),
        via: s.via,
        text: s.text,
        createdAt: s.createdAt,
      })),
    }));
}
