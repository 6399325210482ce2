/**
 * The notification settings (issue 15): which kinds notify, and whether unread ones come as an
 * e-mail digest. Each change is saved at once and said so (a status message).
 */
import { useEffect, useState } from 'react';
import type { NotificationSettings } from '../../../../shared/notifications.js';
import { apiRequest } from '../../api/client.js';
import { useSession } from '../../state/session.js';
import { authPath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { SETTINGS_PATH } from './Bell.js';
import './notifications.css';

const KINDS: Array<{ key: keyof NotificationSettings; label: string; hint: string }> = [
  { key: 'replies', label: 'Replies to my comments', hint: 'Someone answers a comment of yours.' },
  { key: 'mentions', label: 'Mentions', hint: 'Someone writes @ and your name in a comment.' },
  {
    key: 'moderation',
    label: 'Moderators’ decisions on my comments',
    hint: 'A comment of yours is removed, restored, held for review or approved, with the reason given.',
  },
  {
    key: 'debates',
    label: 'Debates I follow going live',
    hint: 'Follow a debate from its panel; voting in a debate’s pre-vote follows it too.',
  },
];

export function NotificationSettingsPage() {
  useDocumentTitle('Notification settings');
  const { session } = useSession();
  const signedIn = session.status === 'signed-in';
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    apiRequest<{ settings: NotificationSettings }>('/api/notifications/settings', { signal: controller.signal }).then(
      (answer) => setSettings(answer.settings),
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err instanceof Error ? err.message : 'Could not load the settings.');
      },
    );
    return () => controller.abort();
  }, [signedIn]);

  if (session.status === 'guest')
    return (
      <section className="notice-page">
        <h1>Notification settings</h1>
        <p>
          <Link to={authPath('sign-in', SETTINGS_PATH)}>Sign in</Link> to choose what you are told about.
        </p>
      </section>
    );

  const change = async (key: keyof NotificationSettings, value: boolean) => {
    setError(null);
    setStatus('Saving…');
    try {
      const answer = await apiRequest<{ settings: NotificationSettings }>('/api/notifications/settings', {
        method: 'PATCH',
        body: { [key]: value },
      });
      setSettings(answer.settings);
      setStatus('Saved.');
    } catch (err) {
      setStatus('');
      setError(err instanceof Error ? err.message : 'Not saved; try again.');
    }
  };

  return (
    <section className="notification-settings">
      <h1>Notification settings</h1>
      {!settings && !error && <p className="muted">Loading…</p>}
      {settings && (
        <>
          <fieldset>
            <legend>Tell me about</legend>
            {KINDS.map((k) => (
              <label key={k.key}>
                <input
                  type="checkbox"
                  checked={settings[k.key]}
                  onChange={(e) => void change(k.key, e.currentTarget.checked)}
                />
                <span>
                  {k.label}
                  <span className="notification-settings__hint">{k.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>E-mail</legend>
            <label>
              <input
                type="checkbox"
                checked={settings.digest}
                onChange={(e) => void change('digest', e.currentTarget.checked)}
              />
              <span>
                Send me a digest of unread notifications
                <span className="notification-settings__hint">
                  At most one e-mail per period the site sets, to the address on your account, only when something is
                  unread.
                </span>
              </span>
            </label>
          </fieldset>
        </>
      )}
      <p role="status" className="muted">
        {status}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
