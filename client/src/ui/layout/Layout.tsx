import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from '../../state/router.js';
import { Header } from './Header.js';

/**
 * The page frame: skip link, header, main content and footer. On an in-app navigation it moves
 * focus to the new content and scrolls to the top, as a full page load would.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
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
