import { useRef, useState } from 'react';
import type { Comment, VoteValue } from '../../../../shared/types.js';
import { articlePath, authPath } from '../../state/router.js';
import { AuthorName } from '../profile/AuthorName.js';
import { Link } from '../layout/Link.js';
import { formatDateTime, formatRelative } from '../time.js';
import { quoteAsMarkdown, renderCommentMarkdown } from './comment-markdown.js';
import { Composer } from './Composer.js';
import { MAX_LEVEL, useDiscussion } from './context.js';
import { DeleteButton } from './DeleteButton.js';
import { actionErrorMessage, focusComment } from './messages.js';
import { ModTools } from './ModTools.js';
import { MakeStatementButton } from '../ground/MakeStatement.js';
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

/** How a comment without a shown author is announced. */
const PLACEHOLDER_LABELS: Record<Comment['status'], string> = {
  visible: 'A',
  deleted: 'A deleted',
  removed: 'A removed',
  held: 'A held',
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

/** The text the reader has selected inside `body`, or '' when the selection is empty or elsewhere. */
function selectedTextIn(body: HTMLElement | null): string {
  const selection = window.getSelection();
  if (!body || !selection || selection.isCollapsed || selection.rangeCount === 0) return '';
  if (!body.contains(selection.getRangeAt(0).commonAncestorContainer)) return '';
  return selection.toString().trim();
}

/**
 * One comment: who and when, the text (a safe Markdown subset, see comment-markdown.ts, each block
 * with its own direction), votes, and Reply / Quote / Edit / Delete with inline composers. Closing a
 * reply or edit box keeps what was typed in it for the next time it opens.
 */
export function CommentView({ comment, level }: { comment: Comment; level: number }) {
  const { thread, selfId, isModerator, now, slug, continueThread, positions } = useDiscussion();
  const [mode, setMode] = useState<'read' | 'reply' | 'edit'>('read');
  const [error, setError] = useState('');
  /** What the reply box opens with; a new `key` opens it afresh (a quote added while it is open). */
  const [replyStart, setReplyStart] = useState({ key: 0, text: '' });
  const replyDraft = useRef('');
  /** An edit closed unsaved, offered again when Edit is pressed (null: none). */
  const [editDraft, setEditDraft] = useState<string | null>(null);
  /** The selection at the press on Quote, in case the click itself clears it. */
  const pressedSelection = useRef('');
  const voting = useRef(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const quoteButton = useRef<HTMLButtonElement>(null);
  /** Reply or Quote, whichever opened the reply box: focus goes back there when it closes. */
  const replyOpener = useRef<HTMLButtonElement | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  const mine = selfId !== null && comment.authorId === selfId;
  const visible = comment.status === 'visible';
  const canEdit = mine && visible && now - Date.parse(comment.createdAt) < EDIT_WINDOW_MS;
  const statusTag = comment.body && !mine ? STATUS_TAGS[comment.status] : undefined;
  const authorNote = comment.body && mine ? AUTHOR_NOTES[comment.status] : undefined;
  const open = thread.state.commentsOpen;
  const positionName = comment.positionId ? positions.get(comment.positionId) : undefined;
  // A placeholder names nobody: a removed or held comment comes without its author for readers, and
  // a deleted one is its author's wish to be gone.
  const showAuthor = comment.authorName !== '' && comment.status !== 'deleted';

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

  const openReply = (text: string, opener: HTMLButtonElement | null) => {
    replyOpener.current = opener;
    setReplyStart((start) => ({ key: start.key + 1, text }));
    setMode('reply');
  };

  const closeReply = (draft: string) => {
    replyDraft.current = draft;
    setMode('read');
    refocus(replyOpener);
  };

  /** Opens the reply box with the selected words of this comment (or all of it) quoted, caret after. */
  const quote = () => {
    const selected = selectedTextIn(bodyRef.current) || pressedSelection.current;
    pressedSelection.current = '';
    const draft = replyDraft.current.trimEnd();
    const text = `${draft ? `${draft}\n\n` : ''}${quoteAsMarkdown(selected || comment.body)}`;
    replyDraft.current = text;
    openReply(text, quoteButton.current);
  };

  const reply = async (body: string) => {
    const change = await thread.post(body, comment.id);
    replyDraft.current = '';
    setMode('read');
    // At the indent limit the new reply is only visible in the sub-thread: open it there.
    if (level >= MAX_LEVEL) continueThread(comment.id);
    else focusComment(change.comment.id);
  };

  const save = async (body: string) => {
    if (body.normalize('NFC').trim() !== comment.body) await thread.edit(comment.id, body);
    setEditDraft(null);
    setMode('read');
    refocus(editButton);
  };

  return (
    <article
      className={`comment${mine ? ' comment--mine' : ''}${visible ? '' : ' comment--hidden'}${comment.featured ? ' comment--featured' : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
      data-status={comment.status}
      data-featured={comment.featured || undefined}
      tabIndex={-1}
      aria-label={showAuthor ? `Comment by ${comment.authorName}` : `${PLACEHOLDER_LABELS[comment.status]} comment`}
    >
      <header className="comment__meta">
        {showAuthor && (
          <>
            <AuthorName name={comment.authorName} badge={comment.authorBadge} />
            {mine && <span className="comment__you">you</span>}
            <span aria-hidden="true"> · </span>
          </>
        )}
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
          initialBody={editDraft ?? comment.body}
          clearOnSend={false}
          autoFocus
          onSubmit={save}
          onCancel={(draft) => {
            setEditDraft(draft === comment.body ? null : draft);
            setMode('read');
            refocus(editButton);
          }}
        />
      ) : comment.body ? (
        <div
          ref={bodyRef}
          className="comment__body"
          // Safe: renderCommentMarkdown sanitises with DOMPurify (only the comment subset survives).
          dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(comment.body) }}
        />
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
            <>
              <button
                ref={replyButton}
                type="button"
                className="comment__action"
                aria-expanded={mode === 'reply'}
                onClick={() =>
                  mode === 'reply' ? closeReply(replyDraft.current) : openReply(replyDraft.current, replyButton.current)
                }
              >
                Reply
              </button>
              <button
                ref={quoteButton}
                type="button"
                className="comment__action"
                onMouseDown={() => {
                  pressedSelection.current = selectedTextIn(bodyRef.current);
                }}
                onClick={quote}
              >
                Quote
              </button>
            </>
          )}
          {canEdit && (
            <button ref={editButton} type="button" className="comment__action" onClick={() => setMode('edit')}>
              Edit
            </button>
          )}
          {mine && <DeleteButton commentId={comment.id} onError={setError} />}
          {selfId !== null && !mine && !isModerator && <ReportButton commentId={comment.id} />}
          <MakeStatementButton commentId={comment.id} body={comment.body} />
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
          key={replyStart.key}
          className="composer--inline"
          label="Write a reply"
          submitLabel="Post reply"
          busyLabel="Posting…"
          placeholder={`Reply to ${comment.authorName}…`}
          initialBody={replyStart.text}
          autoFocus
          onSubmit={reply}
          onDraft={(draft) => {
            replyDraft.current = draft;
          }}
          onCancel={closeReply}
        />
      )}
    </article>
  );
}
