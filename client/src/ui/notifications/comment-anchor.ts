/**
 * Following a notification's link (`/a/<slug>#comment-<id>`): once the comment is on the page, it
 * is scrolled into view, outlined and given focus, so keyboard and screen-reader users land on it
 * too. Comments arrive after the page does, so the page is watched for a while.
 */
import { useEffect } from 'react';

const WATCH_MS = 10_000;
export const TARGET_ATTRIBUTE = 'data-notified-target';

function reveal(id: string): () => void {
  const find = () => document.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`);
  const show = (el: HTMLElement) => {
    document.querySelectorAll(`[${TARGET_ATTRIBUTE}]`).forEach((e) => e.removeAttribute(TARGET_ATTRIBUTE));
    el.setAttribute(TARGET_ATTRIBUTE, '');
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  };
  const found = find();
  if (found) {
    show(found);
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    const el = find();
    if (!el) return;
    stop();
    show(el);
  });
  const timer = window.setTimeout(() => stop(), WATCH_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/** Watches the address for `#comment-<id>` (on load, in-app moves, back and forward). */
export function useCommentAnchor(): void {
  useEffect(() => {
    let stop: () => void = () => undefined;
    const check = () => {
      stop();
      const match = /^#comment-([A-Za-z0-9_-]{1,100})$/.exec(window.location.hash);
      stop = match?.[1] ? reveal(match[1]) : () => undefined;
    };
    check();
    window.addEventListener('hashchange', check);
    window.addEventListener('popstate', check);
    window.addEventListener('parley:navigate', check);
    return () => {
      stop();
      window.removeEventListener('hashchange', check);
      window.removeEventListener('popstate', check);
      window.removeEventListener('parley:navigate', check);
    };
  }, []);
}
