/**
 * "Follow this debate" (issue 15): a followed debate going live notifies (the bell). Shown while
 * the debate has not started, to signed-in users; voting in its pre-vote follows it too (the
 * server does that), so the button is asked again when the status changes.
 */
import { useEffect, useState } from 'react';
import type { DebateStatus } from '../../../../shared/debate/model.js';
import { apiRequest } from '../../api/client.js';
import './notifications.css';

export function FollowToggle({
  debateId,
  status,
  signedIn,
}: {
  debateId: string;
  status: DebateStatus;
  signedIn: boolean;
}) {
  const [following, setFollowing] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const before = status === 'scheduled' || status === 'pre-vote';

  useEffect(() => {
    if (!signedIn || !before) return;
    const controller = new AbortController();
    apiRequest<{ following: boolean }>(`/api/debates/${encodeURIComponent(debateId)}/follow`, {
      signal: controller.signal,
    }).then(
      (answer) => setFollowing(answer.following),
      () => undefined,
    );
    return () => controller.abort();
  }, [debateId, signedIn, before, status]);

  if (!signedIn || !before || following === null) return null;
  const toggle = async () => {
    setError(null);
    try {
      const answer = await apiRequest<{ following: boolean }>(`/api/debates/${encodeURIComponent(debateId)}/follow`, {
        method: 'PUT',
        body: { following: !following },
      });
      setFollowing(answer.following);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not saved; try again.');
    }
  };
  return (
    <div className="follow-toggle">
      <button
        type="button"
        className="button button--quiet"
        aria-pressed={following}
        data-testid="follow-debate"
        onClick={() => void toggle()}
      >
        {following ? 'Following this debate' : 'Follow this debate'}
      </button>
      <span className="follow-toggle__hint">
        {following ? 'The bell tells you when it goes live.' : 'Be told when it goes live.'}
      </span>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </div>
  );
}
