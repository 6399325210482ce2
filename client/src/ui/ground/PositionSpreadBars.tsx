import type { OpinionGroup, PositionSpread } from '../../../../shared/common-ground.js';
import { countOf } from '../../../../shared/plural.js';
import { groupColour, groupName } from './words.js';

/** "12 in Group A, 3 in Group B, 2 not placed". */
function spreadWords(spread: PositionSpread): string {
  const parts = spread.groups.map((n, i) => `${n} in ${groupName(i)}`);
  if (spread.unplaced > 0) parts.push(`${spread.unplaced} not placed`);
  return parts.join(', ');
}

/**
 * How each debate position's supporters (their latest audience vote) spread over the opinion
 * groups, as one stacked bar per position with the counts in words beside it.
 */
export function PositionSpreadBars({ positions, groups }: { positions: PositionSpread[]; groups: OpinionGroup[] }) {
  if (positions.length === 0) return <p className="muted">No audience votes on the positions yet.</p>;
  return (
    <ul className="ground-spread" data-testid="ground-spread">
      {positions.map((p) => {
        const total = p.groups.reduce((a, b) => a + b, 0) + p.unplaced;
        const share = (n: number) => (total === 0 ? 0 : (n / total) * 100);
        return (
          <li key={p.positionId} className="ground-spread__row">
            <p className="ground-spread__name">
              <bdi>{p.name}</bdi> <span className="muted">({countOf(total, 'supporter')})</span>
            </p>
            <span className="ground-spread__track" aria-hidden="true">
              {groups.map((g, i) => (
                <span
                  key={g.label}
                  className="ground-spread__part"
                  style={{ inlineSize: `${share(p.groups[i] ?? 0)}%`, backgroundColor: groupColour(i) }}
                />
              ))}
              <span
                className="ground-spread__part ground-spread__part--unplaced"
                style={{ inlineSize: `${share(p.unplaced)}%` }}
              />
            </span>
            <p className="ground-spread__words">{total === 0 ? 'No supporters yet' : spreadWords(p)}</p>
          </li>
        );
      })}
    </ul>
  );
}
