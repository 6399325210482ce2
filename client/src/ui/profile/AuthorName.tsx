import type { StaffBadge } from '../../../../shared/types.js';
import { profilePath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import './profile.css';

/** How each staff badge reads beside a name. */
export const BADGE_LABELS: Record<StaffBadge, string> = {
  moderator: 'Moderator',
  admin: 'Admin',
  host: 'Host',
};

/** What a badge tells a screen reader and a pointer's hover. */
const BADGE_TITLES: Record<StaffBadge, string> = {
  moderator: 'Parley moderator',
  admin: 'Parley administrator',
  host: 'Host of this article’s debate',
};

/** The small staff badge after an author's name (issue 15). */
export function StaffBadgeMark({ badge }: { badge: StaffBadge }) {
  return (
    <span className={`staff-badge staff-badge--${badge}`} data-testid="staff-badge" title={BADGE_TITLES[badge]}>
      {BADGE_LABELS[badge]}
    </span>
  );
}

/** An author's name linking to their profile (/u/<name>), with their staff badge if they have one. */
export function AuthorName({ name, badge }: { name: string; badge?: StaffBadge | undefined }) {
  return (
    <>
      <Link className="comment__author author-link" to={profilePath(name)}>
        <bdi>{name}</bdi>
      </Link>
      {badge && <StaffBadgeMark badge={badge} />}
    </>
  );
}
