import { useMemo } from 'react';
import type { DebateReport } from '../../../../shared/debate/model.js';
import { GroundFindings } from './GroundFindings.js';
import { countOf } from '../../../../shared/plural.js';
import { NOT_ENOUGH_VOTES } from './words.js';
import './ground.css';

/** The debate's common ground as the report keeps it (null: none was held). */
export type ReportCommonGround = DebateReport['commonGround'];

/**
 * Common ground in the debate report (and so its print view): group sizes, where the groups agreed
 * and divided, the map without anyone's point marked, and the positions' supporters over the groups.
 */
export function GroundReport({ ground }: { ground: ReportCommonGround }) {
  const texts = useMemo(() => new Map(ground?.statements.map((s) => [s.id, s.text]) ?? []), [ground]);
  if (!ground || ground.statements.length === 0) {
    return <p className="muted">No statements were put to the audience.</p>;
  }
  const { analysis } = ground;
  return (
    <div className="ground ground--report" data-testid="report-common-ground">
      <p>{countOf(ground.statements.length, 'statement')} put to the audience.</p>
      {analysis ? (
        <GroundFindings analysis={analysis} textOf={(id) => texts.get(id) ?? null} me={null} level={3} debate />
      ) : (
        <p className="muted">{NOT_ENOUGH_VOTES}</p>
      )}
    </div>
  );
}
