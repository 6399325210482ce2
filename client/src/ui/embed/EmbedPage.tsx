import { useEffect, useRef, useState } from 'react';
import { getArticle } from '../../api/endpoints.js';
import { ApiError } from '../../api/errors.js';
import { useResource } from '../../api/useResource.js';
import { embedPath, navigate, type EmbedView } from '../../state/router.js';
import { SessionProvider, useSession } from '../../state/session.js';
import { RegisterPage } from '../auth/RegisterPage.js';
import { SignInPage } from '../auth/SignInPage.js';
import { ArticleDebates, useArticleDebateList } from '../debate/ArticleDebates.js';
import { Discussion } from '../discussion/Discussion.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { EmbedBar, EmbedFooter } from './EmbedBar.js';
import { frameSettings, postToParent, reportHeight } from './frame-bridge.js';
import { interceptLinks } from './links.js';
import { applyTheme, chooseSort } from './page-effects.js';
import { useParentSession, type ParentSession } from './useParentSession.js';
import './embed.css';

/** The article's debate panel (when it holds one) and its live discussion, as on the article page. */
function EmbedDiscussion({ slug }: { slug: string }) {
  const [article, reload] = useResource((signal) => getArticle(slug, signal), [slug]);
  const debates = useArticleDebateList(article.state === 'ready' ? article.data.id : null);
  useDocumentTitle(article.state === 'ready' ? `Discussion: ${article.data.title}` : null);

  if (article.state === 'loading')
    return (
      <p className="muted" role="status">
        Loading the discussion…
      </p>
    );
  if (article.state === 'failed') {
    if (article.error instanceof ApiError && article.error.code === 'NOT_FOUND')
      return (
        <p className="embed__note" role="status">
          There is no discussion for this article on Parley yet.
        </p>
      );
    return <LoadError error={article.error} what="the discussion" onRetry={reload} />;
  }
  return (
    <>
      <ArticleDebates list={debates} />
      <Discussion slug={slug} positions={debates.current?.positions} stances={debates.stances} />
    </>
  );
}

/** Sign-in or register in place, then back to the discussion. */
function EmbedAuth({ slug, view }: { slug: string; view: Exclude<EmbedView, 'discussion'> }) {
  const form = useRef<HTMLDivElement>(null);
  // The reader asked to sign in: the form's first field takes the focus.
  useEffect(() => form.current?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true }), [view]);
  return (
    <div className="embed__auth" ref={form}>
      <button type="button" className="button button--quiet button--small" onClick={() => navigate(embedPath(slug))}>
        <span aria-hidden="true">← </span>Back to the discussion
      </button>
      {view === 'sign-in' ? <SignInPage /> : <RegisterPage />}
    </div>
  );
}

/** Inside the frame's session: tells the page and the parent-session hook who is signed in. */
function SessionReport({ setUser }: { setUser: ParentSession['setUser'] }) {
  const { session, user } = useSession();
  useEffect(() => {
    if (session.status === 'restoring') return;
    setUser(user);
    postToParent({
      source: 'parley',
      type: 'session',
      user: user ? { name: user.name, sso: user.ssoProvider !== null } : null,
    });
  }, [session.status, user, setUser]);
  return null;
}

/**
 * /embed/<slug>: what a publisher's page shows in its iframe (docs/EMBED.md). The discussion and
 * debate panel without the site's header and footer, sized to its content for the page, in the
 * page's colour scheme, signed in by the page's SSO token or in place.
 */
export function EmbedPage({ slug, view }: { slug: string; view: EmbedView }) {
  const parent = useParentSession();
  const root = useRef<HTMLElement>(null);
  const [{ sort }] = useState(frameSettings);

  useEffect(() => applyTheme(parent.theme), [parent.theme]);
  useEffect(() => (root.current ? reportHeight(root.current) : undefined), []);
  useEffect(
    () =>
      interceptLinks(slug, (next) =>
        navigate(
          next === 'discussion'
            ? embedPath(slug)
            : `${embedPath(slug, next)}?next=${encodeURIComponent(embedPath(slug))}`,
        ),
      ),
    [slug],
  );
  // Between the discussion and sign-in the frame's height jumps: the page keeps the frame's top in view.
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    postToParent({ source: 'parley', type: 'reveal' });
  }, [view]);
  // A new session (after SSO) remounts the discussion, which opens in the default order again.
  useEffect(
    () => (sort && view === 'discussion' && root.current ? chooseSort(root.current, sort) : undefined),
    [sort, view, parent.epoch, parent.settled],
  );

  return (
    <main className="embed" ref={root}>
      {parent.settled ? (
        // Keyed by epoch: a session stored behind its back (an SSO sign-in) is read afresh.
        <SessionProvider key={parent.epoch}>
          <SessionReport setUser={parent.setUser} />
          {view === 'discussion' ? (
            <>
              <EmbedBar slug={slug} />
              <EmbedDiscussion slug={slug} />
            </>
          ) : (
            <EmbedAuth slug={slug} view={view} />
          )}
          <EmbedFooter slug={slug} />
        </SessionProvider>
      ) : (
        <p className="muted" role="status">
          Loading the discussion…
        </p>
      )}
    </main>
  );
}
