import type { OpinionGroup, StatementStanding } from '../../../../shared/common-ground.js';
import { groupAgreement, groupColour, percentOf } from './words.js';

/** Each group's agree share on one statement: a small bar per group, labelled in words. */
function GroupBars({ standing, groups }: { standing: StatementStanding; groups: OpinionGroup[] }) {
  return (
    <ul className="ground-groups">
      {groups.map((g, i) => {
        const split = standing.groups[i];
        const agree = percentOf(split?.agree ?? 0, split);
        return (
          <li key={g.label} className="ground-groups__row">
            <span className="ground-groups__label">{groupAgreement(i, split)}</span>
            <span className="ground-groups__track" aria-hidden="true">
              <span
                className="ground-groups__bar"
                style={{ inlineSize: `${agree}%`, backgroundColor: groupColour(i) }}
              />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Statements ranked by how the groups stand on them (consensus: every group agrees; divisive: the
 * groups part most), with each group's agree share. `empty` says in words why there are none.
 */
export function GroupStandings({
  standings,
  groups,
  textOf,
  empty,
  testId,
}: {
  standings: StatementStanding[];
  groups: OpinionGroup[];
  /** The statement's text (null: a statement no longer listed, left out). */
  textOf(statementId: string): string | null;
  empty: string;
  testId: string;
}) {
  const shown = standings.flatMap((s) => {
    const text = textOf(s.statementId);
    return text === null ? [] : [{ standing: s, text }];
  });
  if (shown.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <ol className="ground-standings" data-testid={testId}>
      {shown.map(({ standing, text }) => (
        <li key={standing.statementId} className="ground-standings__item" data-statement-id={standing.statementId}>
          <p className="ground-standings__text" dir="auto">
            {text}
          </p>
          <GroupBars standing={standing} groups={groups} />
        </li>
      ))}
    </ol>
  );
}
