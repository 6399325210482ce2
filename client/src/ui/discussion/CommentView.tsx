import { useRef, useState } from 'react';
import type { Comment, VoteValue } from '../../../../shared/types.js';
import { articlePath, authPath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { formatDateTime, formatRelative } from '../time.js';
import { Composer } from './Composer.js';
import { MAX_LEVEL, useDiscussion } from './context.js';
import { actionErrorMessage, focusComment } from './messages.js';
import { ModTools } from './ModTools.js';
import { ReportButton } from './ReportButton.js';
import { VoteButtons } from './VoteButtons.js';

/** The server's default edit window; past it the Edit button goes (the server has the last word). */
const EDIT_WINDOW_MS = 15 * 60_000;

/** Shown instead of a body this reader may not see (DESIGN rule 4); the replies stay below it. */
const PLACEHOLDERS: Record<Exclude<Comment['status'], 'visible'>, string> = {
  deleted: '[deleted]',
  removed: '[removed by a moderator]',
  held: '[awaiting moderation]',
};

/** Marks a hidden comment whose body a moderator sees. */
const STATUS_TAGS: Partial<Record<Comment['status'], string>> = {
  removed: 'Removed by a moderator',
  held: 'Awaiting moderation',
};

/** Tells the author that what they see of their own hidden comment nobody else does. */
const AUTHOR_NOTES: Partial<Record<Comment['status'], string>> = {
  removed: 'removed by a moderator',
  held: 'awaiting moderation',
};

function voteBlocker(selfId: string | null, comment: Comment): string | null {
  if (selfId === null) return 'Sign in to vote';
  if (comment.authorId === selfId) return 'You cannot vote on your own comment';
  return null;
}

/** Returns focus to a control once the inline composer that replaced its neighbourhood is gone. */
function refocus(ref: { current: HTMLElement | null }): void {
  requestAnimationFrame(() => ref.current?.focus());
}

/**
 * One comment: who and when, the text (plain escaped text with its own direction, never HTML),
 * votes, and Reply / Edit / Delete with inline composers.
 */
export function CommentView({ comment, level }: { comment: Comment; level: number }) {
  const { thread, selfId, isModerator, now, slug, continueThread, positions } = useDiscussion();
  const [mode, setMode] = useState<'read' | 'reply' | 'edit'>('read');
  const [error, setError] = useState('');
  const voting = useRef(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  const mine = selfId !== null && comment.authorId === selfId;
  const visible = comment.status === 'visible';
  const canEdit = mine && visible && now - Date.parse(comment.createdAt) < EDIT_WINDOW_MS;
  const statusTag = comment.body && !mine ? STATUS_TAGS[comment.status] : undefined;
  const authorNote = comment.body && mine ? AUTHOR_NOTES[comment.status] : undefined;
  const open = thread.state.commentsOpen;
  const positionName = comment.positionId ? positions.get(comment.positionId) : undefined;

  const vote = async (value: VoteValue) => {
    if (voting.current) return;
    voting.current = true;
    setError('');
    try {
      await thread.vote(comment.id, value);
    } catch (err) {
      setError(actionErrorMessage(err));
    } finally {
      voting.current = false;
    }
  };

  const reply = async (body: string) => {
    const change = await thread.post(body, comment.id);
    setMode('read');
    // At the indent limit the new reply is only visible in the sub-thread: open it there.
    if (level >= MAX_LEVEL) continueThread(comment.id);
    else focusComment(change.comment.id);
  };

  const save = async (body: string) => {
    if (body.normalize('NFC').trim() !== comment.body) await thread.edit(comment.id, body);
    setMode('read');
    refocus(editButton);
  };

  const remove = async () => {
    setError('');
    if (!window.confirm('Delete your comment? Replies to it stay, under a “[deleted]” placeholder.')) return;
    try {
      await thread.remove(comment.id);
      focusComment(comment.id);
    } catch (err) {
      setError(actionErrorMessage(err));
    }
  };

  return (
    <article
      className={`comment${mine ? ' comment--mine' : ''}${visible ? '' : ' comment--hidden'}${comment.featured ? ' comment--featured' : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
      data-status={comment.status}
      data-featured={comment.featured || undefined}
      tabIndex={-1}
      aria-label={`Comment by ${comment.authorName}`}
    >
      <header className="comment__meta">
        <bdi className="comment__author">{comment.authorName}</bdi>
        {mine && <span className="comment__you">you</span>}
        <span aria-hidden="true"> · </span>
        <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
          {formatRelative(comment.createdAt, now)}
        </time>
        {comment.editedAt && (
          <span className="comment__edited" title={`Edited ${formatDateTime(comment.editedAt)}`}>
            <span aria-hidden="true"> · </span>edited
          </span>
        )}
        {comment.featured && <span className="comment__featured">Featured</span>}
        {positionName && (
          <span className="comment__position" data-testid="comment-position">
            <span className="visually-hidden">Arguing for </span>
            <bdi>{positionName}</bdi>
          </span>
        )}
        {statusTag && <span className="comment__status">{statusTag}</span>}
      </header>
      {authorNote && (
        <p className="comment__private">
          Only you and the moderators can see this: <strong>{authorNote}</strong>
        </p>
      )}

      {mode === 'edit' ? (
        <Composer
          className="composer--inline"
          label="Edit your comment"
          submitLabel="Save"
          busyLabel="Saving…"
          initialBody={comment.body}
          clearOnSend={false}
          autoFocus
          onSubmit={save}
          onCancel={() => {
            setMode('read');
            refocus(editButton);
          }}
        />
      ) : comment.body ? (
        <p className="comment__body" dir="auto">
          {comment.body}
        </p>
      ) : (
        <p className="comment__placeholder">
          {comment.status === 'visible' ? '[empty]' : PLACEHOLDERS[comment.status]}
        </p>
      )}

      {visible && mode !== 'edit' && (
        <div className="comment__actions">
          <VoteButtons
            upvotes={comment.upvotes}
            downvotes={comment.downvotes}
            myVote={thread.state.myVotes.get(comment.id) ?? 0}
            disabledReason={voteBlocker(selfId, comment)}
            onVote={(value) => void vote(value)}
          />
          {!open ? null : selfId === null ? (
            <Link className="comment__action" to={authPath('sign-in', articlePath(slug))}>
              Reply
            </Link>
          ) : (
            <button
              ref={replyButton}
              type="button"
              className="comment__action"
              aria-expanded={mode === 'reply'}
              onClick={() => setMode(mode === 'reply' ? 'read' : 'reply')}
            >
              Reply
            </button>
          )}
          {canEdit && (
            <button ref={editButton} type="button" className="comment__action" onClick={() => setMode('edit')}>
              Edit
            </button>
          )}
          {mine && (
            <button type="button" className="comment__action comment__action--danger" onClick={() => void remove()}>
              Delete
            </button>
          )}
          {selfId !== null && !mine && !isModerator && <ReportButton commentId={comment.id} />}
        </div>
      )}

      {isModerator && mode !== 'edit' && <ModTools comment={comment} />}

      {error && (
        <p className="comment__error" role="alert">
          {error}
        </p>
      )}

      {mode === 'reply' && (
        <Composer
          className="composer--inline"
          label="Write a reply"
          submitLabel="Post reply"
          busyLabel="Posting…"
          placeholder={`Reply to ${comment.authorName}…`}
          autoFocus
          onSubmit={reply}
          onCancel={() => {
            setMode('read');
            refocus(replyButton);
          }}
        />
      )}
    </article>
  );
}
