import { useId } from 'react';
import type { DebateView, VoteCounts } from '../../../../shared/debate/model.js';
import { voteChoices } from './words.js';

function Cell({ counts, id }: { counts: VoteCounts; id: string }) {
  const n = counts.counts[id] ?? 0;
  const share = counts.total === 0 ? 0 : Math.round((n / counts.total) * 100);
  return (
    <td className="live-tally__cell">
      <span className="live-tally__numbers">
        <span className="live-tally__count">{n}</span> <span className="live-tally__share">{share}%</span>
      </span>
      <span className="live-tally__track" aria-hidden="true">
        <span className="live-tally__bar" style={{ inlineSize: `${share}%` }} />
      </span>
    </td>
  );
}

/** For the host: the live vote counts of both rounds per position, as numbers and small bars. */
export function LiveTally({ view }: { view: DebateView }) {
  const headingId = useId();
  const tally = view.tally;
  if (!tally) return null;
  return (
    <section className="live-tally" aria-labelledby={headingId} data-testid="live-tally">
      <h4 id={headingId} className="debate-section__heading">
        Live tally
      </h4>
      {/* Scrolls in its own box (reachable by keyboard) if a phone is still too narrow for it. */}
      <div className="live-tally__scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="live-tally__table">
          <caption className="visually-hidden">Live vote counts by position, before and after the debate</caption>
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Pre-vote ({tally.pre.total})</th>
              <th scope="col">Post-vote ({tally.post.total})</th>
            </tr>
          </thead>
          <tbody>
            {voteChoices(view.positions).map((choice) => (
              <tr key={choice.id} data-testid={`tally-${choice.name}`}>
                <th scope="row">
                  <bdi>{choice.name}</bdi>
                </th>
                <Cell counts={tally.pre} id={choice.id} />
                <Cell counts={tally.post} id={choice.id} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
