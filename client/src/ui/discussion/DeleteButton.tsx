import { useState } from 'react';
import { ConfirmDialog } from '../layout/ConfirmDialog.js';
import { useDiscussion } from './context.js';
import { actionErrorMessage, focusCommentAfterRemoval } from './messages.js';

/**
 * Delete on the reader's own comment: asks first in a modal dialog (Escape or Cancel keeps the
 * comment, focus back on Delete), then deletes; focus lands on the comment or, when it left the
 * page, on its neighbour. `onError` gets the refusal in words ('' when trying again).
 */
export function DeleteButton({ commentId, onError }: { commentId: string; onError(message: string): void }) {
  const { thread } = useDiscussion();
  const [confirming, setConfirming] = useState(false);

  const remove = async () => {
    setConfirming(false);
    onError('');
    try {
      // Where focus goes if the comment leaves the page (replies keep it there as "[deleted]").
      const afterRemoval = focusCommentAfterRemoval(commentId);
      await thread.remove(commentId);
      afterRemoval();
    } catch (err) {
      onError(actionErrorMessage(err));
    }
  };

  return (
    <>
      <button
        type="button"
        className="comment__action comment__action--danger"
        aria-haspopup="dialog"
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          title="Delete your comment?"
          confirmLabel="Delete comment"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>Replies to it stay, under a “[deleted]” placeholder.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
