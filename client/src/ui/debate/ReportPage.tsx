import { ApiError } from '../../api/errors.js';
import { useResource } from '../../api/useResource.js';
import { articlePath } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { getDebateReport } from './report-api.js';
import { MarkdownLink } from './ReportLinks.js';
import { PlanAsRun, PositionReport, VotesTable } from './ReportSections.js';
import { ReportTranscript } from './ReportTranscript.js';
import { upvotes } from './words.js';
import { SwingChart } from './SwingChart.js';
import { GroundReport } from '../ground/GroundReport.js';
import './debate.css';
import './debate-parts.css';
import './report.css';

/**
 * /debates/:id/report: the motion, the plan as it ran, the transcript, both votes with the swing
 * chart, each position's final summary with its most credited and most voted comments, and the
 * answered questions. Open to everyone once the host has revealed the results. Printable: a print
 * stylesheet (report.css) leaves out the site's chrome and starts each section on a new page.
 */
export function ReportPage({ debateId }: { debateId: string }) {
  const { session, user } = useSession();
  const restoring = session.status === 'restoring';
  // Asked again once the session is known: the host and moderators may read it before the reveal.
  const [report, reload] = useResource(
    (signal) => (restoring ? new Promise<never>(() => undefined) : getDebateReport(debateId, signal)),
    [debateId, restoring, user?.id],
  );
  useDocumentTitle(report.state === 'ready' ? `Report: ${report.data.motion}` : 'Debate report');

  if (report.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the report…
      </p>
    );
  }
  if (report.state === 'failed') {
    if (report.error instanceof ApiError && report.error.code === 'FORBIDDEN') {
      return (
        <div className="notice-page">
          <h1>Not yet</h1>
          <p>{report.error.message}</p>
        </div>
      );
    }
    return <LoadError error={report.error} what="the debate report" onRetry={reload} />;
  }

  const r = report.data;
  return (
    <article className="debate-report">
      <p className="debate-panel__kicker">Debate report</p>
      <h1 dir="auto">{r.motion}</h1>
      <p className="muted">
        On the article{' '}
        <Link to={articlePath(r.article.slug)}>
          <bdi>{r.article.title}</bdi>
        </Link>
        . Hosted by <bdi>{r.host}</bdi>.
      </p>
      <p className="debate-report-links report-actions">
        <button type="button" className="button button--small" onClick={() => window.print()}>
          Print
        </button>
        <MarkdownLink debateId={r.debateId} />
      </p>

      <section className="report-section" aria-labelledby="report-plan">
        <h2 id="report-plan">The plan as it ran</h2>
        <PlanAsRun phases={r.phases} />
      </section>

      <section className="report-section" aria-labelledby="report-transcript">
        <h2 id="report-transcript">Transcript</h2>
        <ReportTranscript transcript={r.transcript} />
      </section>

      <section className="report-section" aria-labelledby="report-vote">
        <h2 id="report-vote">The vote</h2>
        <SwingChart results={r.results} positions={r.positions} />
        <VotesTable report={r} />
      </section>

      <section className="report-section" aria-labelledby="report-positions">
        <h2 id="report-positions">The positions</h2>
        {r.positions.map((p) => (
          <PositionReport key={p.id} position={p} />
        ))}
      </section>

      <section className="report-section" aria-labelledby="report-common-ground">
        <h2 id="report-common-ground">Common ground</h2>
        <GroundReport ground={r.commonGround} />
      </section>

      <section className="report-section" aria-labelledby="report-questions">
        <h2 id="report-questions">Answered questions</h2>
        {r.answeredQuestions.length === 0 ? (
          <p className="muted">No questions were answered.</p>
        ) : (
          <ul className="report-questions">
            {r.answeredQuestions.map((q, i) => (
              <li key={i}>
                <span dir="auto">{q.text}</span>{' '}
                <span className="muted">
                  (<bdi>{q.name}</bdi>, {upvotes(q.upvotes)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
