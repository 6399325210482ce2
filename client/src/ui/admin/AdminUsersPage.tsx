import { useState } from 'react';
import type { AdminUser } from '../../../../shared/account-admin.js';
import { listAdminUsers } from '../../api/accounts.js';
import { usePagedList } from '../../api/usePagedList.js';
import { useSession } from '../../state/session.js';
import { LoadError } from '../layout/LoadError.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { UserRow } from './UserRow.js';
import './admin.css';

/**
 * /admin/users (issue 15): admins find users by the start of their name, change their roles and
 * issue one-time password reset links. Every change is checked and audited by the server; this
 * page only asks.
 */
export function AdminUsersPage() {
  useDocumentTitle('Users and roles');
  const { user, session } = useSession();
  if (session.status === 'restoring') {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (user?.role !== 'admin') {
    return (
      <section className="admin-users" aria-labelledby="admin-users-heading">
        <h1 id="admin-users-heading">Users and roles</h1>
        <p>This page is for admins. Sign in with an admin account to manage users.</p>
      </section>
    );
  }
  return <UserList selfId={user.id} />;
}

function UserList({ selfId }: { selfId: string }) {
  const [query, setQuery] = useState('');
  const list = usePagedList<AdminUser>((after, signal) => listAdminUsers(query.trim(), after, signal), [query]);
  /** What this page announces after a change (a polite live region). */
  const [notice, setNotice] = useState('');

  return (
    <section className="admin-users" aria-labelledby="admin-users-heading">
      <h1 id="admin-users-heading">Users and roles</h1>
      <p className="muted">
        Roles apply at once, in every open tab of the user. Every change is written to the audit log.
      </p>
      <form className="admin-users__search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="admin-user-search" className="field__label">
          Find users by name
        </label>
        <input
          id="admin-user-search"
          className="field__input"
          type="search"
          value={query}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
      </form>
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {list.status === 'failed' ? (
        <LoadError error={list.error} what="the users" onRetry={list.reload} />
      ) : list.status === 'loading' ? (
        <p className="muted" role="status">
          Loading users…
        </p>
      ) : list.items.length === 0 ? (
        <p>No user’s name starts with “{query.trim()}”.</p>
      ) : (
        <ul className="admin-users__list" aria-label="Users">
          {list.items.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === selfId} onNotice={setNotice} />
          ))}
        </ul>
      )}
      {list.status === 'failed-more' && <LoadError error={list.error} what="more users" onRetry={list.loadMore} />}
      {list.next !== null && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.status === 'loading-more'}>
          {list.status === 'loading-more' ? 'Loading…' : 'Show more users'}
        </button>
      )}
    </section>
  );
}
