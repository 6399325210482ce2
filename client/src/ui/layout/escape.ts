/**
 * Escape closes what a button or summary opened (a popover, a panel, a folded section) and gives
 * the keyboard focus back to that opener, as the WAI-ARIA disclosure and dialog patterns expect.
 * The innermost open thing closes first: a handler that closes something marks the event handled
 * (preventDefault), and the handlers around it leave a handled Escape alone.
 */
import type { KeyboardEvent } from 'react';

/** Whether this keydown is an Escape nobody inside has handled (and not one ending an IME composition). */
export function isFreeEscape(event: KeyboardEvent): boolean {
  return event.key === 'Escape' && !event.defaultPrevented && !event.nativeEvent.isComposing;
}

/**
 * Focuses the opener once it is on the page: at once, or after the next paint when closing is what
 * brings it back (a button shown only while the popover is shut).
 */
export function returnFocus(opener: () => HTMLElement | null | undefined): void {
  const now = opener();
  if (now?.isConnected) return now.focus();
  requestAnimationFrame(() => opener()?.focus());
}

/**
 * For a keydown handler: on a free Escape, calls `close` and focuses what `opener` names. Called
 * from an inline handler (`onKeyDown={(e) => closeOnEscape(e, close, () => ref.current)}`), so a
 * ref is read only when the key is pressed.
 */
export function closeOnEscape(event: KeyboardEvent, close: () => void, opener: () => HTMLElement | null | undefined) {
  if (!isFreeEscape(event)) return;
  event.preventDefault();
  close();
  returnFocus(opener);
}

/** A keydown handler for a <details>: Escape inside it, while open, folds it and focuses its summary. */
export function closeDetailsOnEscape(event: KeyboardEvent<HTMLDetailsElement>): void {
  const details = event.currentTarget;
  if (!details.open || !isFreeEscape(event)) return;
  event.preventDefault();
  details.open = false;
  const summary = [...details.children].find((child) => child.tagName === 'SUMMARY');
  if (summary instanceof HTMLElement) summary.focus();
}
