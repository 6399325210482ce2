import type { DebateRoster } from '../../../../shared/debate/model.js';
import { getDebateRoster } from '../../collab/api.js';
import { useResource } from '../../api/useResource.js';
import { useSession } from '../../state/session.js';
import type { SelfUser } from '../../../../shared/types.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { PositionSummary } from './PositionSummary.js';

/** The panel's guess of who may edit (the server decides; see PositionSummary). */
function mayEditHint(user: SelfUser | null, debate: DebateRoster, debaterIds: string[]): boolean {
  if (!user) return false;
  return (
    user.role === 'moderator' || user.role === 'admin' || user.id === debate.hostId || debaterIds.includes(user.id)
  );
}

/**
 * /summaries/:debateId: every position's summary of one debate, side by side. A page of its own
 * so the summaries can be seen and tested without the debate panel.
 */
export function SummariesPage({ debateId }: { debateId: string }) {
  const { user } = useSession();
  const [debate, reload] = useResource((signal) => getDebateRoster(debateId, signal), [debateId]);
  useDocumentTitle(debate.state === 'ready' ? `Summaries: ${debate.data.motion}` : 'Summaries');

  if (debate.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (debate.state === 'failed') return <LoadError error={debate.error} what="the debate" onRetry={reload} />;
  const { data } = debate;
  return (
    <article className="summaries-page">
      <p className="summaries-page__kicker muted">Position summaries</p>
      <h1 dir="auto">{data.motion}</h1>
      <p className="muted">
        Hosted by <span dir="auto">{data.people[data.hostId] ?? 'the host'}</span>. Each side writes its summary
        together, live.
      </p>
      <div className="summaries-page__positions">
        {data.positions.map((position) => (
          <PositionSummary
            key={position.id}
            debateId={data.id}
            positionId={position.id}
            positionName={position.name}
            canEdit={mayEditHint(user, data, position.debaterIds)}
          />
        ))}
      </div>
    </article>
  );
}
