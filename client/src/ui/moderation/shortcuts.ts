/**
 * Keyboard shortcuts of the moderation desk: j / k move between items, a / r / h / f act on the
 * focused item. They never fire while the moderator types (inputs, selects, text areas) or holds a
 * modifier, so Ctrl+R still reloads and a reason can contain the letter r.
 */
import { useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react';

/** The attribute every desk item carries; its value is the comment id. */
export const ITEM_ATTR = 'data-desk-item';

export const SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'j', does: 'next item' },
  { keys: 'k', does: 'previous item' },
  { keys: 'a', does: 'approve' },
  { keys: 'r', does: 'remove (opens the reason box)' },
  { keys: 'h', does: 'hold' },
  { keys: 'f', does: 'feature' },
];

/** True when the key belongs to what the user is typing or to a browser or system shortcut. */
export function isTypingOrModified(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

function items(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`[${ITEM_ATTR}]`)];
}

/** Focuses the item `step` places from `from` (the first item when `from` is null); returns it. */
export function focusItem(from: HTMLElement | null, step: 1 | -1): HTMLElement | null {
  const list = items();
  if (list.length === 0) return null;
  const at = from ? list.indexOf(from) : -1;
  const target =
    at === -1 ? list[step === 1 ? 0 : list.length - 1] : list[Math.min(list.length - 1, Math.max(0, at + step))];
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
  return target ?? null;
}

/** The item a neighbour moves to when `item` leaves the list: the next one, or else the previous. */
export function neighbourOf(item: HTMLElement): HTMLElement | null {
  const list = items();
  const at = list.indexOf(item);
  if (at === -1) return null;
  return list[at + 1] ?? list[at - 1] ?? null;
}

/**
 * j / k anywhere on the desk page outside an item (items handle their own keys): the first press
 * lands on the first or last item.
 */
export function useListShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingOrModified(event)) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest(`[${ITEM_ATTR}]`)) return;
      if (focusItem(null, event.key === 'j' ? 1 : -1)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
