import type { ProfileComment } from '../../../../shared/profiles.js';
import type { Comment } from '../../../../shared/types.js';
import { articlePath } from '../../state/router.js';
import { renderCommentMarkdown } from '../discussion/comment-markdown.js';
import { Link } from '../layout/Link.js';
import { formatDateTime, formatRelative } from '../time.js';

/** What a moderator sees marked on a comment readers do not see. */
const HIDDEN_TAGS: Partial<Record<Comment['status'], string>> = {
  removed: 'Removed by a moderator',
  held: 'Awaiting moderation',
};

/** A user's comments, newest first, each under the article it was posted on. */
export function ProfileComments({ items, now }: { items: ProfileComment[]; now: number }) {
  return (
    <ol className="profile-comments">
      {items.map(({ comment, article }) => {
        const tag = HIDDEN_TAGS[comment.status];
        return (
          <li
            key={comment.id}
            className={`profile-comment${tag ? ' profile-comment--hidden' : ''}`}
            data-testid="profile-comment"
            data-status={comment.status}
          >
            <p className="profile-comment__meta">
              {article.slug ? (
                <Link to={`${articlePath(article.slug)}#comment-${comment.id}`} dir="auto">
                  {article.title || article.slug}
                </Link>
              ) : (
                <span>An article no longer here</span>
              )}
              <span aria-hidden="true"> · </span>
              <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
                {formatRelative(comment.createdAt, now)}
              </time>
              {tag && <span className="comment__status">{tag}</span>}
            </p>
            <div
              className="comment__body profile-comment__body"
              // Safe: renderCommentMarkdown sanitises with DOMPurify (only the comment subset survives).
              dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(comment.body) }}
            />
          </li>
        );
      })}
    </ol>
  );
}
