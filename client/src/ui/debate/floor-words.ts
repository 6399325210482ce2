/** Words and grouping of the statement stream (Floor.tsx): who spoke, and the transcript by phase. */
import type { PhasePlan } from '../../../../shared/debate/model.js';
import type { StatementView } from '../../../../shared/debate/statements.js';

type Positions = Array<{ id: string; name: string }>;

const nameOf = (positions: Positions, id: string | null) =>
  id === null ? null : (positions.find((p) => p.id === id)?.name ?? null);

/** Who spoke, in words: "Ayesha · Pakistan", "Hosta · host, for Pakistan", "Reader · from the floor". */
export function speakerRole(statement: StatementView, positions: Positions): string {
  const position = nameOf(positions, statement.speaker.positionId);
  switch (statement.via) {
    case 'host':
      return position ? `host, for ${position}` : 'host';
    case 'floor':
      return position ? `from the floor, ${position}` : 'from the floor';
    case 'debater':
      return position ?? 'debater';
  }
}

export interface PhaseTranscript {
  phaseIndex: number;
  title: string;
  statements: StatementView[];
}

/**
 * The transcript grouped by phase, in the order the phases were delivered (a phase gone back to
 * appears again where it was spoken in again).
 */
export function byPhase(statements: StatementView[], plan: PhasePlan[]): PhaseTranscript[] {
  const groups: PhaseTranscript[] = [];
  for (const s of statements) {
    const last = groups.at(-1);
    if (last && last.phaseIndex === s.phaseIndex) last.statements.push(s);
    else
      groups.push({
        phaseIndex: s.phaseIndex,
        title: plan[s.phaseIndex]?.title ?? `Phase ${s.phaseIndex + 1}`,
        statements: [s],
      });
  }
  return groups;
}

/** "1 paragraph", "12 paragraphs". */
export const paragraphCount = (n: number): string => `${n} ${n === 1 ? 'paragraph' : 'paragraphs'}`;
