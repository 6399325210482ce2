import { useState } from 'react';
import { CommentView } from './CommentView.js';
import { isPlaceholder, MAX_LEVEL, useDiscussion } from './context.js';
import { actionErrorMessage, focusComment, plural } from './messages.js';

/** "Show N more replies": replies the server has that this reader has not loaded yet. */
function MoreReplies({ parentId, count }: { parentId: string; count: number }) {
  const { thread } = useDiscussion();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const load = async () => {
    setLoading(true);
    setError('');
    try {
      await thread.loadReplies(parentId);
    } catch (err) {
      setError(actionErrorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <button type="button" className="thread__more" onClick={() => void load()} disabled={loading} aria-busy={loading}>
        {loading ? 'Loading replies…' : `Show ${plural(count, 'more reply', 'more replies')}`}
      </button>
      {error && (
        <p className="comment__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * A comment and, indented beneath it, its replies, down to MAX_LEVEL levels below where this
 * thread is drawn from. Live replies from others wait behind "N new replies" so text does not
 * move under the reader.
 */
export function CommentThread({ id, level }: { id: string; level: number }) {
  const { thread, continueThread } = useDiscussion();
  const { state } = thread;
  const comment = state.comments.get(id);
  if (!comment) return null;

  const replies = state.shownReplies(id);
  const waiting = state.pendingReplies.get(id) ?? [];
  const known = state.children.get(id)?.length ?? 0;
  // The parent's replyCount is as of when it was loaded; live replies can make `known` larger.
  const unloaded = Math.max(0, comment.replyCount - known);
  const deeper = replies.length + waiting.length + unloaded;
  if (deeper === 0 && isPlaceholder(comment)) return null;

  const reveal = () => {
    const first = waiting[0];
    thread.reveal(id);
    if (first) focusComment(first);
  };

  if (level >= MAX_LEVEL) {
    return (
      <li className="thread">
        <CommentView comment={comment} level={level} />
        {deeper > 0 && (
          <div className="thread__extras">
            <button type="button" className="thread__more" data-continue-for={id} onClick={() => continueThread(id)}>
              Continue this thread <span aria-hidden="true">→</span>
              <span className="visually-hidden"> ({plural(deeper, 'reply', 'replies')})</span>
            </button>
          </div>
        )}
      </li>
    );
  }

  return (
    <li className="thread">
      <CommentView comment={comment} level={level} />
      {replies.length > 0 && (
        <ol className="replies" aria-label={`Replies to ${comment.authorName}`}>
          {replies.map((reply) => (
            <CommentThread key={reply.id} id={reply.id} level={level + 1} />
          ))}
        </ol>
      )}
      {(waiting.length > 0 || unloaded > 0) && (
        <div className="thread__extras">
          {waiting.length > 0 && (
            <button type="button" className="thread__more thread__more--new" onClick={reveal}>
              {plural(waiting.length, 'new reply', 'new replies')}
            </button>
          )}
          {unloaded > 0 && <MoreReplies parentId={id} count={unloaded} />}
        </div>
      )}
    </li>
  );
}
