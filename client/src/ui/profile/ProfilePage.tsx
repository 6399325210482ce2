import { useState } from 'react';
import type { Profile, ProfileBadge, ProfileComment, ProfileStance } from '../../../../shared/profiles.js';
import { ApiError } from '../../api/errors.js';
import { useResource } from '../../api/useResource.js';
import { articlePath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { formatDate, useNow } from '../time.js';
import { getProfile } from './profile-api.js';
import { ProfileComments } from './ProfileComments.js';
import './profile.css';

const BADGE_WORDS: Record<ProfileBadge, string> = {
  moderator: 'Moderator',
  admin: 'Admin',
  host: 'Debate host',
  debater: 'Debater',
};

function Stance({ stance }: { stance: ProfileStance }) {
  return (
    <li className="profile-stance" data-testid="profile-stance">
      {stance.source === 'debater' ? 'Argued for ' : 'Sided with '}
      <strong dir="auto">{stance.position.name}</strong>
      {stance.source === 'comments' && ` in ${stance.comments} ${stance.comments === 1 ? 'comment' : 'comments'}`} on “
      <bdi>{stance.motion}</bdi>”
      {stance.article.slug && (
        <>
          {' '}
          (<Link to={articlePath(stance.article.slug)}>{stance.article.title || 'the article'}</Link>)
        </>
      )}
    </li>
  );
}

/** More comments than the first page: loaded on demand, appended below. */
function useMoreComments(name: string, first: Profile | null) {
  const [more, setMore] = useState<{ items: ProfileComment[]; next: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = more ? more.next : (first?.next ?? null);
  const loadMore = () => {
    if (!next || loading) return;
    setLoading(true);
    setError(null);
    getProfile(name, next).then(
      (page) => {
        setMore((m) => ({ items: [...(m?.items ?? []), ...page.comments], next: page.next }));
        setLoading(false);
      },
      (err: unknown) => {
        setError(err);
        setLoading(false);
      },
    );
  };
  return { items: more?.items ?? [], next, loading, error, loadMore };
}

/**
 * A user's profile (/u/<name>): name, join date and badges, the stances they took in public, and
 * their comments newest first, as the viewer may see them (the server decides: readers see visible
 * comments; moderators also see held and removed ones, marked).
 */
export function ProfilePage({ name }: { name: string }) {
  const [profile, reload] = useResource((signal) => getProfile(name, null, signal), [name]);
  const now = useNow();
  const notFound =
    profile.state === 'failed' && profile.error instanceof ApiError && profile.error.code === 'NOT_FOUND';
  useDocumentTitle(profile.state === 'ready' ? profile.data.user.name : notFound ? 'Not found' : null);
  const more = useMoreComments(name, profile.state === 'ready' ? profile.data : null);

  if (profile.state === 'loading')
    return (
      <p className="muted" role="status">
        Loading profile…
      </p>
    );
  if (profile.state === 'failed') {
    if (notFound)
      return (
        <section className="notice-page">
          <h1>No one by that name</h1>
          <p>
            There is no Parley user called <bdi>{name}</bdi>. <Link to="/">Back to all articles</Link>
          </p>
        </section>
      );
    return <LoadError error={profile.error} what="this profile" onRetry={reload} />;
  }

  const { user, badges, stances, comments } = profile.data;
  const all = [...comments, ...more.items];
  return (
    <article className="profile" aria-labelledby="profile-name">
      <header className="profile__header">
        <h1 id="profile-name" className="profile__name">
          <bdi>{user.name}</bdi>
        </h1>
        {badges.length > 0 && (
          <ul className="profile__badges" aria-label="Badges">
            {badges.map((b) => (
              <li key={b} className={`staff-badge staff-badge--${b}`} data-testid="profile-badge">
                {BADGE_WORDS[b]}
              </li>
            ))}
          </ul>
        )}
        <p className="profile__joined muted">
          Joined <time dateTime={user.joinedAt}>{formatDate(user.joinedAt)}</time>
        </p>
      </header>

      {stances.length > 0 && (
        <section className="profile__section" aria-labelledby="profile-stances">
          <h2 id="profile-stances">Stances in debates</h2>
          <ul className="profile-stances">
            {stances.map((s) => (
              <Stance key={`${s.debateId}:${s.position.id}:${s.source}`} stance={s} />
            ))}
          </ul>
        </section>
      )}

      <section className="profile__section" aria-labelledby="profile-comments">
        <h2 id="profile-comments">Comments</h2>
        {all.length === 0 ? <p className="muted">No comments to show.</p> : <ProfileComments items={all} now={now} />}
        {more.error !== null && <LoadError error={more.error} what="more comments" onRetry={more.loadMore} />}
        {more.next && (
          <button type="button" className="button button--quiet" onClick={more.loadMore} disabled={more.loading}>
            {more.loading ? 'Loading…' : 'Show older comments'}
          </button>
        )}
      </section>
    </article>
  );
}
