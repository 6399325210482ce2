import { useId } from 'react';
import type { SelfUser } from '../../../../shared/types.js';
import type { LiveDebate } from '../../realtime/debate-view.js';
import type { DebateActions } from '../../realtime/useDebate.js';
import { ChangedMind } from './ChangedMind.js';
import { Floor } from './Floor.js';
import { HostConsole } from './HostConsole.js';
import { LiveStream } from './LiveStream.js';
import { PhaseClock } from './PhaseClock.js';
import { PlanSteps } from './PlanSteps.js';
import { Questions } from './Questions.js';
import { ReportLinks } from './ReportLinks.js';
import { SpeakerQueue } from './SpeakerQueue.js';
import { Summaries } from './Summaries.js';
import { SwingChart } from './SwingChart.js';
import { VotePanel } from './VotePanel.js';
import { isFinished } from './words.js';

export interface DebateLiveProps {
  live: LiveDebate;
  user: SelfUser | null;
  actions: DebateActions;
}

/**
 * A debate with its session: the phase and countdown, the vote while a round is open, the swing
 * once the results are out, the host's console, the speaker queue and questions, the plan, the
 * position summaries, and the report after the session.
 */
export function DebateLive({ live, user, actions }: DebateLiveProps) {
  const resultsId = useId();
  const { view, offsetMs } = live;
  const isHost = view.role.kind === 'host';
  const selfId = user?.id ?? null;
  const { role } = view;
  const debater = role.kind === 'debater' ? view.positions.find((p) => p.id === role.positionId) : undefined;

  return (
    <div className="debate-live">
      <p className="debate-live__people">
        Hosted by <bdi>{view.host.name}</bdi>
        {isHost && <span className="debate-live__role"> · you are the host</span>}
        {debater && (
          <span className="debate-live__role">
            {' '}
            · you debate for <bdi>{debater.name}</bdi>
          </span>
        )}
      </p>
      <PhaseClock view={view} offsetMs={offsetMs} />
      <LiveStream url={view.state.streamUrl} motion={view.motion} />
      <Floor view={view} offsetMs={offsetMs} selfId={selfId} />
      {!isHost && <VotePanel view={view} signedIn={user !== null} onVote={actions.vote} />}
      {view.results && (
        <section className="debate-results" aria-labelledby={resultsId}>
          <h3 id={resultsId} className="debate-section__heading">
            Results
          </h3>
          {!view.state.resultsRevealed && (
            <p className="debate-results__private">Only you see these until you reveal them.</p>
          )}
          <SwingChart results={view.results} positions={view.positions} />
        </section>
      )}
      {selfId && <ChangedMind view={view} selfId={selfId} onCredit={actions.credit} />}
      {isFinished(view) && <ReportLinks debateId={view.id} />}
      {isHost && <HostConsole view={view} actions={actions} />}
      <div className="debate-live__columns">
        <SpeakerQueue view={view} selfId={selfId} actions={actions} />
        <Questions view={view} signedIn={user !== null} actions={actions} />
      </div>
      <PlanSteps view={view} />
      <Summaries view={view} user={user} />
    </div>
  );
}
