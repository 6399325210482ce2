import { useId, useMemo, useState } from 'react';
import { myPlace, votedCount, votesToBePlaced } from '../../realtime/ground-view.js';
import type { GroundActions, GroundLoad } from '../../realtime/useCommonGround.js';
import { GroundFindings } from './GroundFindings.js';
import { Heading } from './Heading.js';
import { groundErrorMessage } from './messages.js';
import { ProposalQueue } from './ProposalQueue.js';
import { ProposeForm } from './ProposeForm.js';
import { StatementVoting } from './StatementVoting.js';
import { countOf } from '../../../../shared/plural.js';
import { groupName } from './words.js';
import './ground.css';

function WhereYouSit({ load }: { load: Extract<GroundLoad, { status: 'ready' }> }) {
  const { view } = load.live;
  const place = myPlace(view);
  if (view.analysis.groups.length === 0) return null;
  if (place && place.group >= 0)
    return (
      <p className="ground__you" data-testid="ground-you">
        You are nearest <strong>{groupName(place.group)}</strong> on the map.
      </p>
    );
  const need = votesToBePlaced(view) - votedCount(view);
  return need > 0 ? (
    <p className="ground__you muted">
      Vote on {need} more {need === 1 ? 'statement' : 'statements'} to see where you sit on the map.
    </p>
  ) : null;
}

/**
 * "Common ground" (issue 16) for one scope, live: the statements to vote on, where the opinion groups
 * agree and divide, the opinion map with the viewer's own point, a debate's positions over the
 * groups, a form to propose statements and, for those who manage, the proposals waiting. It can be
 * folded away; it stays watched meanwhile, so it is current when opened.
 */
export function CommonGroundPanel({
  load,
  actions,
  level,
  signInPath,
  debate = false,
  testId = 'common-ground',
}: {
  load: GroundLoad;
  actions: GroundActions;
  /** The panel's heading level: 2 on the article page, 3 inside a debate's panel. */
  level: 2 | 3;
  /** Where a guest signs in (null: signed in). */
  signInPath: string | null;
  debate?: boolean;
  testId?: string;
}) {
  const headingId = useId();
  const bodyId = useId();
  const proposeId = useId();
  const queueId = useId();
  const voteId = useId();
  const live = load.status === 'ready' ? load.live : null;
  // A debate's panel folds by itself while its host has put no statements to the audience (the
  // article's own panel stays open: it invites readers to propose). Two empty panels one above the
  // other would push the discussion down. Once the viewer folds or opens it, their choice stands.
  const [chosen, setOpen] = useState<boolean | null>(null);
  const open = chosen ?? (!debate || live === null || live.view.statements.length > 0 || live.view.canManage);
  const sub = (level + 1) as 3 | 4;
  const texts = useMemo(() => new Map(live?.view.statements.map((s) => [s.id, s.text]) ?? []), [live?.view.statements]);

  return (
    <section className={`ground${debate ? ' ground--debate' : ''}`} aria-labelledby={headingId} data-testid={testId}>
      <Heading level={level} className="ground__title">
        <button
          type="button"
          id={headingId}
          className="ground__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span className="ground__chevron" aria-hidden="true" />
          {debate ? 'Common ground in this debate' : 'Common ground'}
        </button>
        {live && !open && (
          <span className="ground__folded-count muted">
            {live.view.statements.length === 0
              ? 'nothing to vote on yet'
              : countOf(live.view.statements.length, 'statement')}
          </span>
        )}
      </Heading>
      <div id={bodyId} className="ground__body" hidden={!open}>
        <p className="ground__intro">
          Vote on short statements. Parley finds the opinion groups in the votes and shows what they agree on; nobody
          sees how anyone else voted.
        </p>
        {load.status === 'loading' && (
          <p className="muted" role="status">
            Loading common ground…
          </p>
        )}
        {load.status === 'failed' && (
          <div className="load-error" role="alert">
            <p>Could not open common ground. {groundErrorMessage(load.error)}</p>
            <button type="button" className="button button--quiet button--small" onClick={actions.retry}>
              Try again
            </button>
          </div>
        )}
        {live && load.status === 'ready' && (
          <>
            <section className="ground__part" aria-labelledby={voteId}>
              <Heading level={sub} id={voteId} className="ground__heading">
                Statements
              </Heading>
              <StatementVoting
                statements={live.view.statements}
                myVotes={live.view.myVotes}
                splits={live.view.analysis.splits}
                signInPath={signInPath}
                onVote={actions.vote}
                onWithdraw={live.view.canManage ? (id) => actions.decide(id, 'withdraw') : undefined}
              />
              <WhereYouSit load={load} />
            </section>
            <GroundFindings
              analysis={live.view.analysis}
              textOf={(id) => texts.get(id) ?? null}
              me={myPlace(live.view)}
              level={sub}
              debate={debate}
            />
            {signInPath === null && (
              <section className="ground__part" aria-labelledby={proposeId}>
                <Heading level={sub} id={proposeId} className="ground__heading">
                  {live.view.canManage ? 'Add a statement' : 'Propose a statement'}
                </Heading>
                <ProposeForm
                  canManage={live.view.canManage}
                  myProposals={live.view.myProposals}
                  decided={live.decided}
                  onPropose={actions.propose}
                />
              </section>
            )}
            {live.view.canManage && (
              <section className="ground__part" aria-labelledby={queueId}>
                <Heading level={sub} id={queueId} className="ground__heading">
                  Proposals waiting ({live.view.proposals.length})
                </Heading>
                <ProposalQueue proposals={live.view.proposals} onDecide={actions.decide} />
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}
