import { useId } from 'react';
import type { GroundAnalysis } from '../../../../shared/common-ground.js';
import { GroupStandings } from './GroupStandings.js';
import { Heading } from './Heading.js';
import { OpinionMap } from './OpinionMap.js';
import { PositionSpreadBars } from './PositionSpreadBars.js';
import { NOT_ENOUGH_VOTES, people } from './words.js';

/**
 * What the votes show, for the live panel and the report alike: where the groups agree, where they
 * divide, the opinion map, and (debates) how each position's supporters spread over the groups.
 */
export function GroundFindings({
  analysis,
  textOf,
  me,
  level,
  debate,
}: {
  analysis: GroundAnalysis;
  textOf(statementId: string): string | null;
  me: { point: [number, number]; group: number } | null;
  /** The level of these sections' headings. */
  level: 3 | 4 | 5;
  debate: boolean;
}) {
  const ids = { consensus: useId(), divisive: useId(), map: useId(), spread: useId() };
  const { groups } = analysis;
  const noGroups = groups.length === 0;
  if (noGroups) {
    // One empty state for all the parts that need groups, rather than the same sentence four times.
    return (
      <section className="ground__part" aria-labelledby={ids.consensus}>
        <Heading level={level} id={ids.consensus} className="ground__heading">
          Opinion groups
        </Heading>
        <p className="muted" data-testid="ground-no-groups">
          {people(analysis.voters)} voted so far. {NOT_ENOUGH_VOTES}
        </p>
      </section>
    );
  }
  return (
    <>
      <p className="ground__counts muted" data-testid="ground-counts">
        {people(analysis.voters)} voted; {analysis.participants} placed in {groups.length} opinion groups.
      </p>
      <section className="ground__part" aria-labelledby={ids.consensus}>
        <Heading level={level} id={ids.consensus} className="ground__heading">
          Where the groups agree
        </Heading>
        <GroupStandings
          testId="ground-consensus"
          standings={analysis.consensus}
          groups={groups}
          textOf={textOf}
          empty="No statement has every group’s agreement yet."
        />
      </section>
      <section className="ground__part" aria-labelledby={ids.divisive}>
        <Heading level={level} id={ids.divisive} className="ground__heading">
          Where they divide
        </Heading>
        <GroupStandings
          testId="ground-divisive"
          standings={analysis.divisive}
          groups={groups}
          textOf={textOf}
          empty="No statement divides the groups yet."
        />
      </section>
      <section className="ground__part" aria-labelledby={ids.map}>
        <Heading level={level} id={ids.map} className="ground__heading">
          Opinion map
        </Heading>
        <OpinionMap analysis={analysis} me={me} />
      </section>
      {debate && (
        <section className="ground__part" aria-labelledby={ids.spread}>
          <Heading level={level} id={ids.spread} className="ground__heading">
            The positions’ supporters in the groups
          </Heading>
          <PositionSpreadBars positions={analysis.positions} groups={groups} />
        </section>
      )}
    </>
  );
}
