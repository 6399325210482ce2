/**
 * A small History API router: the current location as React state, `navigate` for in-app moves,
 * and the table of Parley's pages. Paths are real URLs (no hash), so the server must answer
 * every page path with index.html.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'article'; slug: string }
  | { page: 'sign-in' }
  | { page: 'register' }
  | { page: 'moderate' }
  | { page: 'notification-settings' }
  | { page: 'summaries'; debateId: string }
  | { page: 'debate-report'; debateId: string }
  | { page: 'embed'; slug: string; view: EmbedView }
  | { page: 'profile'; name: string }
  // Account recovery and the admin's user page (issue 15).
  | { page: 'forgot-password' }
  | { page: 'reset-password' }
  | { page: 'admin-users' }
  | { page: 'not-found' };

/** What the embed frame (/embed/<slug>, docs/EMBED.md) shows: the discussion, or sign-in or register in place. */
export type EmbedView = 'discussion' | 'sign-in' | 'register';

/** Fired on in-app navigation; the browser only fires `popstate` for back and forward. */
const NAVIGATE_EVENT = 'parley:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  searchParams: URLSearchParams;
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, searchParams: url.searchParams };
}

/** Moves to an in-app path without a page load. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Maps a pathname to a page. A trailing slash is ignored; anything unknown is not-found. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return { page: 'home' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/register') return { page: 'register' };
  if (path === '/moderate') return { page: 'moderate' };
  if (path === '/notifications/settings') return { page: 'notification-settings' };
  if (path === '/forgot-password') return { page: 'forgot-password' };
  if (path === '/reset-password') return { page: 'reset-password' };
  if (path === '/admin/users') return { page: 'admin-users' };
  const summaries = /^\/summaries\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (summaries?.[1]) return { page: 'summaries', debateId: summaries[1] };
  const report = /^\/debates\/([A-Za-z0-9_-]{1,100})\/report$/.exec(path);
  if (report?.[1]) return { page: 'debate-report', debateId: report[1] };
  const embed = /^\/embed\/([^/]+)(?:\/(sign-in|register))?$/.exec(path);
  if (embed?.[1]) {
    try {
      return {
        page: 'embed',
        slug: decodeURIComponent(embed[1]),
        view: (embed[2] as EmbedView | undefined) ?? 'discussion',
      };
    } catch {
      return { page: 'not-found' };
    }
  }
  const profile = /^\/u\/([^/]+)$/.exec(path);
  if (profile?.[1]) {
    try {
      return { page: 'profile', name: decodeURIComponent(profile[1]) };
    } catch {
      return { page: 'not-found' };
    }
  }
  const article = /^\/a\/([^/]+)$/.exec(path);
  if (article?.[1]) {
    try {
      return { page: 'article', slug: decodeURIComponent(article[1]) };
    } catch {
      return { page: 'not-found' };
    }
  }
  return { page: 'not-found' };
}

/** The path of an article page. */
export function articlePath(slug: string): string {
  return `/a/${encodeURIComponent(slug)}`;
}

/** The path of a user's profile page (issue 15). */
export function profilePath(name: string): string {
  return `/u/${encodeURIComponent(name)}`;
}

/** The path of an article's embed frame, or of one of its views. */
export function embedPath(slug: string, view: EmbedView = 'discussion'): string {
  return `/embed/${encodeURIComponent(slug)}${view === 'discussion' ? '' : `/${view}`}`;
}

/**
 * A `next` parameter made safe to follow: only paths on this site ("/..."), never "//host" or
 * "/\host", which browsers treat as other origins.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** The sign-in (or register) path that comes back to `returnTo` afterwards. */
export function authPath(page: 'sign-in' | 'register', returnTo: string): string {
  return returnTo === '/' ? `/${page}` : `/${page}?next=${encodeURIComponent(returnTo)}`;
}
