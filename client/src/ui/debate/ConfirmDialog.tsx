import { useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  /** The question, naming the consequence. */
  question: string;
  /** The confirming button's label (what will happen, not "OK"). */
  action: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert (focus
 * stays inside) and Escape cancels, with no focus-trap code of ours to get wrong. Focus starts on
 * Cancel, so a stray Enter does not confirm; it returns to the button that opened the dialog.
 */
export function ConfirmDialog({ question, action, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={questionId}
      data-testid="confirm-dialog"
      onCancel={(event) => {
        // Escape: we close it ourselves (by unmounting), so React state and the dialog agree.
        event.preventDefault();
        onCancel();
      }}
    >
      <p id={questionId} className="confirm-dialog__question">
        {question}
      </p>
      <div className="confirm-dialog__buttons">
        <button ref={cancelRef} type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm}>
          {action}
        </button>
      </div>
    </dialog>
  );
}
