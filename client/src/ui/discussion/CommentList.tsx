import { useState } from 'react';
import { CommentThread } from './CommentThread.js';
import { isPlaceholder, useDiscussion } from './context.js';
import { FeaturedStrip } from './FeaturedStrip.js';
import { actionErrorMessage, focusComment, plural } from './messages.js';

/**
 * The top-level comments in the chosen order, each with its replies: "N new comments" above them
 * for live arrivals, "Load more comments" below while the server has more.
 */
export function CommentList() {
  const { thread, positionFilter } = useDiscussion();
  const { state } = thread;
  // With a position filter the server sends only that position's comments; ones that arrive live
  // are sorted out here.
  const inFilter = (id: string) => positionFilter === null || state.comments.get(id)?.positionId === positionFilter;
  const top = state.top.filter(inFilter);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState('');

  const revealNew = () => {
    // pendingTop is oldest first; revealed, the newest goes on top and is read first.
    const newest = state.pendingTop.at(-1);
    thread.reveal(null);
    if (newest) focusComment(newest);
  };

  const loadMore = async () => {
    setLoadingMore(true);
    setError('');
    try {
      await thread.loadMore();
    } catch (err) {
      setError(actionErrorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  // A comment that arrived held or was removed before it was revealed is not worth announcing.
  const waiting = state.pendingTop.filter(inFilter).filter((id) => {
    const c = state.comments.get(id);
    return c !== undefined && !isPlaceholder(c);
  }).length;
  const shown = top.filter((id) => {
    const c = state.comments.get(id);
    return c !== undefined && (!isPlaceholder(c) || c.replyCount > 0 || (state.children.get(id)?.length ?? 0) > 0);
  }).length;
  return (
    <>
      <FeaturedStrip />
      {waiting > 0 && (
        <div className="new-comments">
          <button type="button" className="new-comments__button" onClick={revealNew}>
            {plural(waiting, 'new comment')}
          </button>
        </div>
      )}
      {shown === 0 && waiting === 0 && (
        <p className="muted discussion__empty">
          {positionFilter === null ? 'No comments yet. Start the discussion.' : 'No comments argue this position yet.'}
        </p>
      )}
      {top.length > 0 && (
        <ol className="comments" aria-label="Comments">
          {top.map((id) => (
            <CommentThread key={id} id={id} level={0} />
          ))}
        </ol>
      )}
      {error && (
        <p className="comment__error" role="alert">
          {error}
        </p>
      )}
      {state.next !== null && (
        <button
          type="button"
          className="button button--quiet load-more"
          onClick={() => void loadMore()}
          disabled={loadingMore}
          aria-busy={loadingMore}
        >
          {loadingMore ? 'Loading…' : 'Load more comments'}
        </button>
      )}
    </>
  );
}
