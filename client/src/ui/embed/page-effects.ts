/** What the publisher's data attributes change in the frame's page: its colour scheme and the discussion's order. */
import type { CommentSort } from '../../../../shared/ranking.js';
import type { EmbedTheme } from './protocol.js';

/** Puts the whole frame document in `theme` (embed.css holds the dark colours); undone on cleanup. */
export function applyTheme(theme: EmbedTheme): () => void {
  const html = document.documentElement;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="color-scheme"]');
  const before = meta?.content;
  html.dataset.theme = theme;
  if (meta) meta.content = theme;
  return () => {
    delete html.dataset.theme;
    if (meta && before !== undefined) meta.content = before;
  };
}

/**
 * Opens the discussion in `sort` (data-sort). The discussion starts in its default order and
 * offers the choice in its "Sort by" list, so the frame makes that choice once the list is there,
 * as a reader would. Returns the cleanup.
 */
export function chooseSort(root: HTMLElement, sort: CommentSort): () => void {
  const pick = (): boolean => {
    // The order's list is the one that offers the sort (the other picks a debate position).
    const select = [...root.querySelectorAll<HTMLSelectElement>('.sort-picker select')].find((s) =>
      [...s.options].some((o) => o.value === sort),
    );
    if (!select) return false;
    if (select.value !== sort) {
      select.value = sort;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    return true;
  };
  if (pick()) return () => {};
  const observer = new MutationObserver(() => {
    if (pick()) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
