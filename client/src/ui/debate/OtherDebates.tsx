import { useId } from 'react';
import type { DebateSummary } from '../../../../shared/events.js';
import { Link } from '../layout/Link.js';
import { formatDate } from '../time.js';
import { reportPath } from './report-api.js';
import { debateNumbers } from './stances.js';
import { positionName } from './words.js';
import './other-debates.css';

/** The report opens to everyone once the debate is closed or its results are out (server/domain/debate/report.ts). */
const reportIsOpen = (d: DebateSummary) => d.status === 'closed' || d.resultsRevealed;

function Outcome({ debate }: { debate: DebateSummary }) {
  if (!debate.resultsRevealed) return <>Results not revealed</>;
  if (debate.winner === null) return <>No winner</>;
  return (
    <>
      Winner: <bdi className="past-debate__winner">{positionName(debate.positions, debate.winner)}</bdi>
    </>
  );
}

/** One debate held before: its number and motion, when it was held, its result and its report. */
function PastDebate({ debate, number }: { debate: DebateSummary; number: number | undefined }) {
  const held = debate.startedAt ?? debate.createdAt;
  return (
    <li className="past-debate" data-testid="past-debate">
      <p className="past-debate__meta">
        {number !== undefined && (
          <>
            <span>Debate {number}</span>
            <span aria-hidden="true"> · </span>
          </>
        )}
        <time dateTime={held}>{formatDate(held)}</time>
        <span aria-hidden="true"> · </span>
        <span className="past-debate__outcome">
          <Outcome debate={debate} />
        </span>
      </p>
      <p className="past-debate__motion" dir="auto">
        {debate.motion}
      </p>
      {reportIsOpen(debate) ? (
        <Link to={reportPath(debate.id)} className="past-debate__report">
          Read the report<span className="visually-hidden">: {debate.motion}</span>
        </Link>
      ) : (
        <p className="past-debate__pending">The report opens when the host reveals the results.</p>
      )}
    </li>
  );
}

/**
 * The article's other debates: those held before the current one (newest first), with their
 * results and reports, and those scheduled after it. Nothing when there are none.
 */
export function OtherDebates({
  debates,
  past,
  later,
}: {
  debates: DebateSummary[];
  past: DebateSummary[];
  later: DebateSummary[];
}) {
  const pastId = useId();
  const laterId = useId();
  if (past.length === 0 && later.length === 0) return null;
  const numbers = debateNumbers(debates);
  return (
    <div className="other-debates">
      {past.length > 0 && (
        <section aria-labelledby={pastId} data-testid="past-debates">
          <h2 id={pastId} className="other-debates__heading">
            Past debates on this article
          </h2>
          <ol className="past-debates">
            {past.map((d) => (
              <PastDebate key={d.id} debate={d} number={numbers.get(d.id)} />
            ))}
          </ol>
        </section>
      )}
      {later.length > 0 && (
        <section aria-labelledby={laterId}>
          <h2 id={laterId} className="other-debates__heading">
            Coming later
          </h2>
          <ol className="later-debates">
            {later.map((d) => (
              <li key={d.id} dir="auto">
                <span className="later-debates__number">Debate {numbers.get(d.id)}: </span>
                {d.motion}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
