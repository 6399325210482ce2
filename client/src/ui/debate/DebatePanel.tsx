import { useEffect, useId } from 'react';
import type { DebateStatus } from '../../../../shared/debate/model.js';
import type { DebateSummary } from '../../../../shared/events.js';
import { isStaff, type SelfUser } from '../../../../shared/types.js';
import { useResource } from '../../api/useResource.js';
import { useDebate, type DebateActions } from '../../realtime/useDebate.js';
import { useSession } from '../../state/session.js';
import { useSkipTarget } from '../layout/skip-targets.js';
import { FollowToggle } from '../notifications/FollowToggle.js';
import { DebateCommonGround } from '../ground/DebateCommonGround.js';
import { DebateLive } from './DebateLive.js';
import { getDebateHostId } from './report-api.js';
import { SetupForm } from './SetupForm.js';
import { debateErrorMessage } from './useAction.js';
import './debate.css';
import './debate-parts.css';

/** A debate without a plan: its host (or a moderator) sets it up; everyone else waits for it. */
function NotSetUp({
  summary,
  user,
  actions,
}: {
  summary: DebateSummary;
  user: SelfUser | null;
  actions: DebateActions;
}) {
  const [hostId] = useResource((signal) => getDebateHostId(summary.id, signal), [summary.id]);
  const mayPlan = user !== null && (isStaff(user.role) || (hostId.state === 'ready' && hostId.data === user.id));
  if (mayPlan) return <SetupForm positions={summary.positions} onSetup={actions.setup} />;
  return (
    <p className="muted" role="status">
      The host has not set up this debate yet. It appears here when they do.
    </p>
  );
}

/**
 * One debate on an article, for everyone: the live panel once the session has a plan, the setup
 * form for its host before that. Keyed by debate id where it is used, so each debate starts fresh.
 * `onStatus` hears when the live session's status is no longer the summary's (the host closed it,
 * say), so the page can ask which debate is current again.
 */
export function DebatePanel({ summary, onStatus }: { summary: DebateSummary; onStatus?(status: DebateStatus): void }) {
  const headingId = useId();
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const [load, actions] = useDebate(summary.id, selfId);
  // "Skip to the debate" leads here while the panel is on the page.
  const skipTarget = useSkipTarget('debate');
  const liveStatus = load.status === 'ready' ? load.live.view.state.status : null;
  useEffect(() => {
    if (liveStatus !== null && liveStatus !== summary.status) onStatus?.(liveStatus);
  }, [liveStatus, summary.status, onStatus]);

  return (
    <section className="debate-panel" aria-labelledby={headingId} data-testid="debate-panel" ref={skipTarget}>
      <p className="debate-panel__kicker">Debate</p>
      <h2 id={headingId} className="debate-panel__motion" dir="auto">
        {summary.motion}
      </h2>
      <FollowToggle debateId={summary.id} status={liveStatus ?? summary.status} signedIn={user !== null} />
      {load.status === 'loading' && (
        <p className="muted" role="status">
          Loading the debate…
        </p>
      )}
      {load.status === 'no-session' && <NotSetUp summary={summary} user={user} actions={actions} />}
      {load.status === 'failed' && (
        <div className="load-error" role="alert">
          <p>Could not open the debate. {debateErrorMessage(load.error)}</p>
          <button type="button" className="button button--quiet" onClick={actions.retry}>
            Try again
          </button>
        </div>
      )}
      {load.status === 'ready' && <DebateLive live={load.live} user={user} actions={actions} />}
      {load.status === 'ready' && <DebateCommonGround debateId={summary.id} />}
    </section>
  );
}
