import type { Comment } from '../../../../shared/types.js';
import { formatDateTime, formatRelative } from '../time.js';

/** Deeper replies stop indenting here, so threads stay readable on narrow screens. */
const MAX_INDENT = 4;

const PLACEHOLDERS: Record<Comment['status'], string> = {
  visible: '',
  deleted: 'This comment was deleted by its author.',
  removed: 'This comment was removed by a moderator.',
  held: 'This comment is awaiting review.',
};

const STATUS_TAGS: Partial<Record<Comment['status'], string>> = {
  removed: 'Removed',
  held: 'Awaiting review',
};

/**
 * One comment. The body is plain text, rendered by React as escaped text (never as HTML), with
 * `dir="auto"` so each comment takes the direction of its own script (Urdu, Pashto, Dari, ...).
 */
export function CommentItem({ comment, now }: { comment: Comment; now: number }) {
  const statusTag = STATUS_TAGS[comment.status];
  return (
    <li className="comment" data-depth={Math.min(comment.depth, MAX_INDENT)}>
      <article aria-label={`Comment by ${comment.authorName}`}>
        <p className="comment__meta">
          <bdi className="comment__author">{comment.authorName}</bdi>
          <span aria-hidden="true"> · </span>
          <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
            {formatRelative(comment.createdAt, now)}
          </time>
          {comment.editedAt && <span className="comment__edited"> (edited)</span>}
          {statusTag && <span className="comment__status">{statusTag}</span>}
        </p>
        {/* Rule 4: an empty body means this viewer may not see it; show why, never the text. */}
        {comment.body ? (
          <p className="comment__body" dir="auto">
            {comment.body}
          </p>
        ) : (
          <p className="comment__placeholder">{PLACEHOLDERS[comment.status] || 'This comment is not available.'}</p>
        )}
      </article>
    </li>
  );
}
