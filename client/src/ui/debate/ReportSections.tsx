import { useMemo, type ReactNode } from 'react';
import type { Comment } from '../../../../shared/types.js';
import { renderMarkdown } from '../articles/markdown.js';
import type { DebateReport } from './report-api.js';
import { countOf } from '../../../../shared/plural.js';
import { formatSwing, points, positionName, votes } from './words.js';

const minutes = (s: number | null) =>
  s === null ? '—' : `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/**
 * A table that scrolls sideways on its own when the screen is narrower than it, rather than the page;
 * focusable, so a keyboard can scroll it too.
 */
function Scrolls({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="report-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** The plan as it ran: planned and actual lengths, extensions and skips. */
export function PlanAsRun({ phases }: { phases: DebateReport['phases'] }) {
  return (
    <Scrolls label="Table of the phases as run">
      <table className="report-table">
        <caption className="visually-hidden">The plan as it ran</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Phase</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
            <th scope="col">Extended</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {phases.map((p, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <th scope="row" dir="auto">
                {p.title}
              </th>
              <td>{minutes(p.plannedSeconds)}</td>
              <td>{p.actualSeconds === null ? 'not run' : minutes(p.actualSeconds)}</td>
              <td>{p.extendedBySeconds ? `+${p.extendedBySeconds} s` : ''}</td>
              <td>{p.skipped ? 'yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolls>
  );
}

/** Both votes per position, with the swing. */
export function VotesTable({ report }: { report: DebateReport }) {
  const { results } = report;
  return (
    <Scrolls label="Table of the votes">
      <table className="report-table">
        <caption>
          {votes(results.preTotal)} before, {votes(results.postTotal)} after
        </caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Swing</th>
          </tr>
        </thead>
        <tbody>
          {results.positions.map((p) => (
            <tr key={p.positionId} className={p.positionId === results.winner ? 'report-table__winner' : undefined}>
              <th scope="row">
                <bdi>{positionName(report.positions, p.positionId)}</bdi>
                {p.positionId === results.winner && <span className="report-table__badge">Winner</span>}
              </th>
              <td>
                {p.prePercent}% ({p.pre})
              </td>
              <td>
                {p.postPercent}% ({p.post})
              </td>
              <td>{formatSwing(p.swing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scrolls>
  );
}

function Summary({ markdown }: { markdown: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  if (!markdown.trim()) return <p className="muted">No summary was written.</p>;
  // Safe: renderMarkdown sanitises with DOMPurify.
  return <div className="article-body report-summary" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A quoted comment: the words in the blockquote, who wrote them beneath it (never inside the quote). */
function Quote({ comment, note }: { comment: Comment; note: string }) {
  return (
    <li className="report-quote">
      <figure className="report-quote__figure">
        <blockquote dir="auto">{comment.body}</blockquote>
        <figcaption className="report-quote__meta">
          — <bdi>{comment.authorName}</bdi>, {note}
        </figcaption>
      </figure>
    </li>
  );
}

/** One position: its debaters, its final summary, and the comments that argued it best. */
export function PositionReport({ position }: { position: DebateReport['positions'][number] }) {
  return (
    <section className="report-position" aria-label={position.name}>
      <h3 dir="auto">{position.name}</h3>
      <p className="muted">Debaters: {position.debaters.join(', ') || 'none'}.</p>
      <h4>Summary</h4>
      <Summary markdown={position.summary} />
      <h4>Comments that changed minds</h4>
      {position.mostCredited.length === 0 ? (
        <p className="muted">None credited.</p>
      ) : (
        <ul className="report-quotes">
          {position.mostCredited.map(({ comment, credits }) => (
            <Quote key={comment.id} comment={comment} note={`credited by ${countOf(credits, 'reader')}`} />
          ))}
        </ul>
      )}
      <h4>Most voted comments</h4>
      {position.mostVoted.length === 0 ? (
        <p className="muted">No comments argued this position.</p>
      ) : (
        <ul className="report-quotes">
          {position.mostVoted.map((c) => (
            <Quote key={c.id} comment={c} note={points(c.upvotes - c.downvotes)} />
          ))}
        </ul>
      )}
    </section>
  );
}
