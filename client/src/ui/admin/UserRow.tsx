import { useId, useState } from 'react';
import type { AdminUser, ResetLink } from '../../../../shared/account-admin.js';
import { ROLES, type Role } from '../../../../shared/types.js';
import { issueResetLink, setUserRole } from '../../api/accounts.js';
import { ApiError } from '../../api/errors.js';

const ROLE_LABELS: Record<Role, string> = {
  reader: 'Reader',
  host: 'Host (runs debates)',
  moderator: 'Moderator',
  admin: 'Admin',
};

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : 'Something went wrong.');
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One user: name, role picker, and a one-time reset link on demand. */
export function UserRow(props: { user: AdminUser; isSelf: boolean; onNotice(text: string): void }) {
  const id = useId();
  const [role, setRole] = useState<Role>(props.user.role);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<ResetLink | null>(null);
  const name = props.user.name;

  const changeRole = async (next: Role) => {
    const before = role;
    setRole(next);
    setPending(true);
    setError(null);
    try {
      const changed = await setUserRole(props.user.id, next);
      setRole(changed.role);
      props.onNotice(`${name} is now ${ROLE_LABELS[changed.role].toLowerCase()}.`);
    } catch (err) {
      setRole(before);
      setError(messageOf(err));
    } finally {
      setPending(false);
    }
  };

  const makeLink = async () => {
    setPending(true);
    setError(null);
    try {
      setLink(await issueResetLink(props.user.id));
      props.onNotice(`A reset link for ${name} is shown below their name.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <li className="admin-user" aria-busy={pending}>
      <div className="admin-user__who">
        <span className="admin-user__name">
          <bdi>{name}</bdi>
          {props.isSelf && <span className="muted"> (you)</span>}
        </span>
        <span className="admin-user__meta muted">
          {props.user.ssoProvider ? `Signs in through ${props.user.ssoProvider}` : 'Password account'}
          {props.user.hasEmail ? ' · e-mail on file' : ''}
        </span>
      </div>
      <div className="admin-user__role">
        <label htmlFor={`${id}-role`} className="admin-user__label">
          Role of <bdi>{name}</bdi>
        </label>
        <select
          id={`${id}-role`}
          className="admin-user__select"
          value={role}
          disabled={pending}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => void changeRole(event.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      {props.user.ssoProvider === null && (
        <button type="button" className="button button--quiet admin-user__reset" disabled={pending} onClick={makeLink}>
          Reset link<span className="visually-hidden"> for {name}</span>
        </button>
      )}
      {error && (
        <p id={`${id}-error`} className="admin-user__error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <div className="admin-user__link">
          <label htmlFor={`${id}-link`} className="admin-user__label">
            One-time reset link for <bdi>{name}</bdi>, valid until {timeOf(link.expiresAt)}. It is shown only now: copy
            it and hand it over privately.
          </label>
          <div className="admin-user__copy">
            <input
              id={`${id}-link`}
              className="field__input"
              readOnly
              value={link.link}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className="button button--quiet"
              onClick={() =>
                void navigator.clipboard.writeText(link.link).then(
                  () => props.onNotice('Link copied.'),
                  () => props.onNotice('Copying failed: select the link and copy it by hand.'),
                )
              }
            >
              Copy<span className="visually-hidden"> the link for {name}</span>
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
