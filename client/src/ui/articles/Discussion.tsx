import { useId } from 'react';
import { listComments } from '../../api/endpoints.js';
import { usePagedList } from '../../api/usePagedList.js';
import { articlePath, authPath } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { LoadError } from '../layout/LoadError.js';
import { useNow } from '../time.js';
import { CommentItem } from './CommentItem.js';

/** Who may take part: guests are asked to sign in; posting opens with the live connection. */
function ParticipationNote({ slug }: { slug: string }) {
  const { session } = useSession();
  if (session.status === 'restoring') return null;
  if (session.status === 'guest') {
    return (
      <p className="discussion__note">
        <Link to={authPath('sign-in', articlePath(slug))}>Sign in</Link> to join the discussion.
      </p>
    );
  }
  return <p className="discussion__note">Live discussion opens soon.</p>;
}

/** The comments under an article, oldest first, a page at a time. */
export function Discussion({ slug }: { slug: string }) {
  const headingId = useId();
  const now = useNow();
  const comments = usePagedList((after, signal) => listComments(slug, after, signal), [slug]);
  const settled = comments.status !== 'loading' && comments.status !== 'failed';

  return (
    <section className="discussion" aria-labelledby={headingId} aria-busy={comments.status === 'loading'}>
      <h2 id={headingId}>Discussion</h2>
      <ParticipationNote slug={slug} />
      {comments.status === 'loading' && (
        <p className="muted" role="status">
          Loading comments…
        </p>
      )}
      {comments.status === 'failed' && <LoadError error={comments.error} what="the comments" onRetry={comments.reload} />}
      {settled && comments.items.length === 0 && <p className="muted">No comments yet.</p>}
      {comments.items.length > 0 && (
        <ol className="comments">
          {comments.items.map((comment) => (
            <CommentItem key={comment.id} comment={comment} now={now} />
          ))}
        </ol>
      )}
      {comments.status === 'failed-more' && <LoadError error={comments.error} what="more comments" />}
      {settled && comments.next !== null && (
        <button
          type="button"
          className="button button--quiet load-more"
          onClick={comments.loadMore}
          disabled={comments.status === 'loading-more'}
        >
          {comments.status === 'loading-more' ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
