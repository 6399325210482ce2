import type { DebateReport } from './report-api.js';

const VIA_NOTES: Record<DebateReport['transcript'][number]['statements'][number]['via'], string> = {
  debater: '',
  host: ', host',
  floor: ', given the floor',
};

/** What was said on the floor, phase by phase: each statement with who spoke and for which position. */
export function ReportTranscript({ transcript }: { transcript: DebateReport['transcript'] }) {
  if (transcript.length === 0) return <p className="muted">Nothing was said on the floor.</p>;
  return (
    <div className="report-transcript">
      {transcript.map((phase) => (
        <section key={phase.phaseIndex} className="report-transcript__phase" aria-label={phase.title}>
          <h3 dir="auto">{phase.title}</h3>
          {phase.statements.map((s, i) => (
            <p key={i} className="report-transcript__statement" dir="auto">
              <span className="report-transcript__speaker">
                <bdi>{s.speaker}</bdi>
                {s.positionName && (
                  <>
                    {' '}
                    (<bdi>{s.positionName}</bdi>)
                  </>
                )}
                {VIA_NOTES[s.via]}:
              </span>{' '}
              {s.text}
            </p>
          ))}
        </section>
      ))}
    </div>
  );
}
