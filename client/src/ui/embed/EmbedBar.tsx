import { articlePath, embedPath, navigate } from '../../state/router.js';
import { useSession } from '../../state/session.js';

/**
 * The frame's account line: who is signed in (and whether the publisher signed them in), with
 * sign-out; for guests, sign-in and register in place.
 */
export function EmbedBar({ slug }: { slug: string }) {
  const { session, signOut } = useSession();
  const back = encodeURIComponent(embedPath(slug));
  return (
    <nav className="embed-bar" aria-label="Account">
      {session.status === 'signed-in' && (
        <>
          <span className="embed-bar__who">
            Signed in as <bdi className="embed-bar__name">{session.user.name}</bdi>
            {session.user.ssoProvider && <span className="embed-bar__via"> through this site</span>}
          </span>
          <button type="button" className="button button--quiet button--small" onClick={() => void signOut()}>
            Sign out
          </button>
        </>
      )}
      {session.status === 'guest' && (
        <>
          <a
            href={`${embedPath(slug, 'sign-in')}?next=${back}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(`${embedPath(slug, 'sign-in')}?next=${back}`);
            }}
          >
            Sign in
          </a>
          <a
            className="button button--small"
            href={`${embedPath(slug, 'register')}?next=${back}`}
            onClick={(event) => {
              event.preventDefault();
              navigate(`${embedPath(slug, 'register')}?next=${back}`);
            }}
          >
            Register
          </a>
        </>
      )}
    </nav>
  );
}

/** Where the discussion comes from, and the way to it on Parley itself (in a new tab). */
export function EmbedFooter({ slug }: { slug: string }) {
  return (
    <footer className="embed-footer">
      <span>Discussion by Parley.</span>{' '}
      <a href={articlePath(slug)} target="_blank" rel="noopener">
        Open it on Parley<span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    </footer>
  );
}
