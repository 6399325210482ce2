import type { AuditView } from '../../../../shared/moderation.js';
import { articlePath, profilePath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import './desk-context.css';

/**
 * What an audit entry acted on, by name (issue 15): the comment (a quoted excerpt linking to its
 * article), its author or the sanctioned user (linking to their profile), and the article.
 */
export function AuditSubject({ entry }: { entry: AuditView }) {
  const { comment, article, targetUser } = entry;
  if (!comment && !article && !targetUser) return <span className="muted">—</span>;
  return (
    <span className="audit-subject" data-testid="audit-subject">
      {comment && (
        <span className="audit-subject__comment">
          {comment.excerpt ? (
            article?.slug ? (
              <Link to={`${articlePath(article.slug)}#comment-${comment.id}`} dir="auto" title="Open this comment">
                “{comment.excerpt}”
              </Link>
            ) : (
              <span dir="auto">“{comment.excerpt}”</span>
            )
          ) : (
            <span className="muted">a comment its author deleted</span>
          )}
        </span>
      )}
      {targetUser && (
        <span className="audit-subject__user">
          {comment ? 'by ' : 'user '}
          <Link to={profilePath(targetUser.name)}>
            <bdi>{targetUser.name}</bdi>
          </Link>
        </span>
      )}
      {article && (
        <span className="audit-subject__article">
          on{' '}
          {article.slug ? (
            <Link to={articlePath(article.slug)} dir="auto">
              {article.title || article.slug}
            </Link>
          ) : (
            'an article no longer here'
          )}
        </span>
      )}
    </span>
  );
}
