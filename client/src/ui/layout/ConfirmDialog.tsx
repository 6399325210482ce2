import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-dialog.css';

export interface ConfirmDialogProps {
  /** The question, as the dialog's heading and accessible name: "Delete your comment?". */
  title: string;
  /** What follows from confirming, under the heading (the dialog's description). */
  children?: ReactNode;
  /** The confirming button says what will happen ("Delete comment"), never "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Draws the confirming button as destructive. */
  danger?: boolean;
  onConfirm(): void;
  /** Cancel, Escape: the caller unmounts the dialog. */
  onCancel(): void;
}

/**
 * A modal confirmation, in place of the browser's `confirm()`: the native `<dialog>` opened with
 * showModal(), so the rest of the page is inert (focus cannot leave it) and Escape cancels, with no
 * focus-trap code of ours. It is labelled by its heading and described by its text. Focus starts on
 * Cancel, so a stray Enter does not confirm, and goes back to whatever had it (the button that
 * opened the dialog) when the dialog goes. Render it while the question is open; unmount to close.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may be gone by now (what it acted on was removed): then the caller places focus.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      data-testid="modal-dialog"
      onCancel={(event) => {
        // Escape: closed by unmounting, so React state and the dialog always agree.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="modal-dialog__title">
        {title}
      </h2>
      {children && (
        <div id={textId} className="modal-dialog__text">
          {children}
        </div>
      )}
      <div className="modal-dialog__buttons">
        <button ref={cancelRef} type="button" className="button button--quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button button--primary${danger ? ' modal-dialog__danger' : ''}`}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
