import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { UNDECIDED, type DebateResults } from '../../../../shared/debate/model.js';
import { formatSwing, positionName, votes } from './words.js';

/** The drawing's width before it is measured (and for print): the panel's width on a desktop. */
const WIDTH = 640;
/** Narrower than this, the drawing scales down instead of closing up further. */
const MIN_WIDTH = 280;
const HEIGHT = 280;
const TOP = 56; // legend and the labels above the tallest bar
const BAR_AREA = 150;
const BASE = TOP + BAR_AREA;
const BAR_MAX = 40;
const GAP = 8;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The drawing's width in CSS pixels: the figure's own width, followed as it changes, so the labels
 * stay at their font size on a phone instead of shrinking with a wide drawing scaled down.
 */
function useDrawingWidth(): [RefObject<HTMLElement | null>, number] {
  const figure = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(WIDTH);
  useEffect(() => {
    const el = figure.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(MIN_WIDTH, Math.round(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [figure, width];
}

/**
 * The vote before and after the debate as a bar chart: for each position (and undecided) the share
 * before and after side by side, the swing in points under it, the winner (the position that gained
 * most) highlighted. Drawn in SVG with a title and description, and the numbers in a table for
 * screen readers.
 */
export function SwingChart({
  results,
  positions,
}: {
  results: DebateResults;
  positions: Array<{ id: string; name: string }>;
}) {
  const titleId = useId();
  const descId = useId();
  const [figure, width] = useDrawingWidth();
  const rows = results.positions.map((p) => ({ ...p, name: positionName(positions, p.positionId) }));
  const group = width / Math.max(1, rows.length);
  const barWidth = Math.min(BAR_MAX, Math.floor((group - 3 * GAP) / 2));
  const winner = results.winner ? positionName(positions, results.winner) : null;
  const description =
    rows
      .map(
        (r) =>
          `${r.name}: ${r.prePercent}% before, ${r.postPercent}% after, swing ${formatSwing(r.swing)} ${Math.abs(r.swing) === 1 ? 'point' : 'points'}.`,
      )
      .join(' ') + (winner ? ` Winner: ${winner}.` : ' No winner.');
  const height = (percent: number) => Math.max(percent > 0 ? 2 : 0, (percent / 100) * BAR_AREA);
  // The second legend entry follows the first, closer on a narrow drawing.
  const legendAfter = Math.min(200, Math.round(width / 2));

  return (
    <figure className="swing-chart" data-testid="swing-chart" ref={figure}>
      <svg
        className="swing-chart__svg"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>The vote before and after the debate, with the swing</title>
        <desc id={descId}>{description}</desc>
        <g className="swing-chart__legend" aria-hidden="true">
          <rect x={8} y={8} width={14} height={14} className="swing-chart__bar--before" />
          <text x={28} y={20}>
            Before ({votes(results.preTotal)})
          </text>
          <rect x={legendAfter} y={8} width={14} height={14} className="swing-chart__bar--after" />
          <text x={legendAfter + 20} y={20}>
            After ({votes(results.postTotal)})
          </text>
        </g>
        <line x1={0} x2={width} y1={BASE} y2={BASE} className="swing-chart__axis" />
        {rows.map((r, i) => {
          const center = group * i + group / 2;
          const won = r.positionId === results.winner;
          const before = height(r.prePercent);
          const after = height(r.postPercent);
          const x1 = center - barWidth - GAP / 2;
          const x2 = center + GAP / 2;
          return (
            <g
              key={r.positionId}
              className={`swing-chart__group${won ? ' swing-chart__group--winner' : ''}${r.positionId === UNDECIDED ? ' swing-chart__group--undecided' : ''}`}
              aria-hidden="true"
            >
              {won && (
                <rect
                  x={group * i + 4}
                  y={TOP - 24}
                  width={group - 8}
                  height={HEIGHT - TOP + 20}
                  rx={6}
                  className="swing-chart__highlight"
                />
              )}
              <rect x={x1} y={BASE - before} width={barWidth} height={before} className="swing-chart__bar--before" />
              <rect x={x2} y={BASE - after} width={barWidth} height={after} className="swing-chart__bar--after" />
              <text x={x1 + barWidth / 2} y={BASE - before - 6} textAnchor="middle" className="swing-chart__value">
                {r.prePercent}%
              </text>
              <text x={x2 + barWidth / 2} y={BASE - after - 6} textAnchor="middle" className="swing-chart__value">
                {r.postPercent}%
              </text>
              <text x={center} y={BASE + 22} textAnchor="middle" className="swing-chart__name">
                {clip(r.name, Math.max(6, Math.floor(group / 9)))}
              </text>
              <text
                x={center}
                y={BASE + 44}
                textAnchor="middle"
                className={`swing-chart__swing${r.swing > 0 ? ' swing-chart__swing--up' : r.swing < 0 ? ' swing-chart__swing--down' : ''}`}
              >
                {formatSwing(r.swing)} pts
              </text>
              {won && (
                <text x={center} y={BASE + 66} textAnchor="middle" className="swing-chart__winner">
                  Winner
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="swing-chart__caption">
        {winner ? (
          <>
            Winner: <strong>{winner}</strong>, the position that gained most.
          </>
        ) : (
          'No winner: no position gained more than every other.'
        )}
      </figcaption>
      <table className="visually-hidden">
        <caption>Votes before and after the debate</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Swing (points)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.positionId}>
              <th scope="row">{r.name}</th>
              <td>
                {r.prePercent}% ({r.pre})
              </td>
              <td>
                {r.postPercent}% ({r.post})
              </td>
              <td>{formatSwing(r.swing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
