import { isStaff, type Role } from '../../../../shared/types.js';
import { useSession } from '../../state/session.js';
import { authPath, navigate, useLocation } from '../../state/router.js';
import { Link } from './Link.js';
import { Bell } from '../notifications/Bell.js';

/** Capitalised words (CSS shows them in capitals), so a badge is never taken for a user named "reader". */
const ROLE_LABELS: Record<Role, string> = { reader: 'Reader', host: 'Host', moderator: 'Moderator', admin: 'Admin' };

/** The site bar: the Parley brand, and who is signed in or the ways to sign in. */
export function Header() {
  const { session, signOut } = useSession();
  const { pathname } = useLocation();
  const onAuthPage = pathname === '/sign-in' || pathname === '/register';
  const returnTo = onAuthPage ? '/' : pathname;

  const handleSignOut = async () => {
    await signOut();
    if (onAuthPage) navigate('/');
  };

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          Parley
        </Link>
        <nav aria-label="Account" className="account">
          {session.status === 'signed-in' && (
            <>
              {isStaff(session.user.role) && (
                <Link
                  to="/moderate"
                  className="account__desk"
                  aria-current={pathname === '/moderate' ? 'page' : undefined}
                >
                  Moderate
                </Link>
              )}
              {session.user.role === 'admin' && (
                <Link
                  to="/admin/users"
                  className="account__desk"
                  aria-current={pathname === '/admin/users' ? 'page' : undefined}
                >
                  Users
                </Link>
              )}
              <Bell selfId={session.user.id} />
              <span className="account__who">
                <span className="visually-hidden">Signed in as </span>
                <bdi className="account__name">{session.user.name}</bdi>{' '}
                <span className={`role-badge role-badge--${session.user.role}`}>{ROLE_LABELS[session.user.role]}</span>
              </span>
              <button type="button" className="button button--quiet" onClick={() => void handleSignOut()}>
                Sign out
              </button>
            </>
          )}
          {session.status === 'guest' && (
            <>
              <Link to={authPath('sign-in', returnTo)} aria-current={pathname === '/sign-in' ? 'page' : undefined}>
                Sign in
              </Link>
              <Link
                to={authPath('register', returnTo)}
                className="button"
                aria-current={pathname === '/register' ? 'page' : undefined}
              >
                Register
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
