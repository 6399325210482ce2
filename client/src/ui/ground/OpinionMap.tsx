import { useId, useMemo } from 'react';
import type { GroundAnalysis } from '../../../../shared/common-ground.js';
import { fitFrame } from './map-geometry.js';
import { groupColour, groupInk, groupName, groupSizes } from './words.js';

const WIDTH = 400;
const HEIGHT = 260;

/**
 * The opinion groups as a scatter plot: every placed participant an anonymous dot coloured by group,
 * each group's letter at its centre, and (live panel only) the viewer's own point as "You",
 * computed on the client from their own votes. Nobody else's point can be told apart. The caption
 * says the same in words: group sizes and the group nearest the viewer.
 */
export function OpinionMap({
  analysis,
  me,
}: {
  analysis: GroundAnalysis;
  /** The viewer's point and nearest group (null: not placed, or the report). */
  me: { point: [number, number]; group: number } | null;
}) {
  const titleId = useId();
  const captionId = useId();
  const { groups, points } = analysis;
  const frame = useMemo(
    () =>
      fitFrame(
        [...points.map(([x, y]) => [x, y] as const), ...groups.map((g) => g.center), ...(me ? [me.point] : [])],
        WIDTH,
        HEIGHT,
      ),
    [points, groups, me],
  );
  const caption = `${groupSizes(groups)}${me && me.group >= 0 ? `; you are nearest ${groupName(me.group)}` : ''}.`;
  const you = me ? frame.place(me.point) : null;

  return (
    <figure className="ground-map" data-testid="ground-map">
      <svg
        className="ground-map__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${captionId}`}
      >
        <title id={titleId}>Opinion map: each dot is one participant, placed by their votes</title>
        <rect x={0} y={0} width={WIDTH} height={HEIGHT} className="ground-map__ground" />
        <g aria-hidden="true">
          {points.map(([x, y, g], i) => {
            const [px, py] = frame.place([x, y]);
            return <circle key={i} cx={px} cy={py} r={3.5} fill={groupColour(g)} className="ground-map__dot" />;
          })}
          {groups.map((g, i) => {
            const [cx, cy] = frame.place(g.center);
            return (
              <g key={g.label} className="ground-map__centre">
                <circle cx={cx} cy={cy} r={13} fill={groupColour(i)} />
                <text x={cx} y={cy} dy="0.35em" textAnchor="middle" fill={groupInk(i)}>
                  {g.label}
                </text>
              </g>
            );
          })}
          {you && (
            <g className="ground-map__you" data-testid="ground-map-you">
              <circle cx={you[0]} cy={you[1]} r={8} />
              <circle cx={you[0]} cy={you[1]} r={2.5} className="ground-map__you-dot" />
              {/* Above the ring (below it near the top), clear of a group's letter it may sit on. */}
              <text x={you[0]} y={you[1] < 40 ? you[1] + 30 : you[1] - 20} textAnchor="middle">
                You
              </text>
            </g>
          )}
        </g>
      </svg>
      <figcaption id={captionId} className="ground-map__caption" data-testid="ground-map-caption">
        <ul className="ground-map__legend" aria-hidden="true">
          {groups.map((g, i) => (
            <li key={g.label}>
              <span className="ground-map__swatch" style={{ backgroundColor: groupColour(i) }} />
              {groupName(i)}
            </li>
          ))}
        </ul>
        <span>{caption}</span>
      </figcaption>
    </figure>
  );
}
