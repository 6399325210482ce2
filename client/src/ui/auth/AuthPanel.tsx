import type { ReactNode } from 'react';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';

/**
 * The frame of the sign-in and register pages: heading, the live region that announces the
 * server's refusal, the form, and a link to the other page. A signed-in visitor is told so instead.
 */
export function AuthPanel(props: { title: string; formError: string | null; footer: ReactNode; children: ReactNode }) {
  useDocumentTitle(props.title);
  const { user } = useSession();

  return (
    <section className="auth-panel" aria-labelledby="auth-heading">
      <h1 id="auth-heading">{props.title}</h1>
      {user ? (
        <p>
          You are signed in as <bdi>{user.name}</bdi>. <Link to="/">Go to the articles</Link>.
        </p>
      ) : (
        <>
          {/* Always in the page, so assistive technology announces a message when it appears. */}
          <div className="form-error" role="alert" aria-live="assertive">
            {props.formError}
          </div>
          {props.children}
          <p className="auth-panel__footer">{props.footer}</p>
        </>
      )}
    </section>
  );
}
