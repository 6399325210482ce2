/**
 * Links inside the frame. The discussion's own links are app links (client/src/ui/layout/Link.tsx)
 * that would move the frame itself to another Parley page. In the frame, sign-in and register stay
 * in the frame (as views of the embed), and every other link that leaves the discussion opens in a
 * new tab, never inside the publisher's page.
 */
import { embedPath, type EmbedView } from '../../state/router.js';

/** Where a link to `url` goes from the embed of `slug`: an in-frame view, or a new tab. */
export function embedTargetOf(url: URL, slug: string): { view: EmbedView } | { tab: string } | null {
  if (url.origin !== window.location.origin) return { tab: url.href };
  if (url.pathname === '/sign-in') return { view: 'sign-in' };
  if (url.pathname === '/register') return { view: 'register' };
  if (url.pathname.startsWith(embedPath(slug))) return null;
  return { tab: url.href };
}

/**
 * Catches link clicks before the app's links see them (capture phase, on the window): in-frame
 * views go through `show`, links that leave the discussion open in a new tab. Downloads and links
 * already aimed at another window are left to the browser.
 */
export function interceptLinks(slug: string, show: (view: EmbedView) => void): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return;
    if (anchor.target && anchor.target !== '_self') return;
    const target = embedTargetOf(new URL(anchor.href, window.location.href), slug);
    if (!target) return;
    if ('view' in target) {
      event.preventDefault();
      event.stopPropagation();
      show(target.view);
      return;
    }
    // The browser follows it into a new tab; the app's link never sees the click, so the frame stays.
    anchor.target = '_blank';
    anchor.rel = 'noopener noreferrer';
    event.stopPropagation();
  };
  window.addEventListener('click', onClick, true);
  return () => window.removeEventListener('click', onClick, true);
}
