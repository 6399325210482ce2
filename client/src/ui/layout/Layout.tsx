import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { matchRoute, useLocation } from '../../state/router.js';
import { Header } from './Header.js';
import { focusSkipTarget, skipTargetOf, useRegisteredSkipTargets, type SkipTargetName } from './skip-targets.js';

/** A skip link to a part of the page: focus moves there, so the next Tab continues from it. */
function SkipLink({ name, children }: { name: SkipTargetName; children: ReactNode }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = skipTargetOf(name);
    if (!target) return; // the browser follows the fragment
    event.preventDefault();
    focusSkipTarget(target);
  };
  return (
    <a className="skip-link" href={`#${name}`} onClick={skip}>
      {children}
    </a>
  );
}

/**
 * The page frame: skip links (to the content, and on an article page to its discussion and to its
 * debate when it has one), header, main content and footer. On an in-app navigation it moves focus
 * to the new content and scrolls to the top, as a full page load would.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  const registered = useRegisteredSkipTargets();
  const onArticle = matchRoute(pathname).page === 'article';

  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <nav className="skip-links" aria-label="Skip links">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {onArticle && <SkipLink name="discussion">Skip to the discussion</SkipLink>}
        {registered.has('debate') && <SkipLink name="debate">Skip to the debate</SkipLink>}
      </nav>
      <Header />
      <main id="main" ref={main} tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>Parley: live debate under the news.</p>
      </footer>
    </>
  );
}
