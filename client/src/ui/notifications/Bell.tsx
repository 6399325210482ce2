/**
 * The bell in the header (issue 15): the unread count, live from every tab of the user, and a
 * panel with the notifications, "Mark all read", links to each comment and to the settings.
 * The count is part of the button's name ("Notifications, 2 unread"), so screen readers say it;
 * Escape or a click elsewhere closes the panel and focus goes back to the bell.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Notification } from '../../../../shared/notifications.js';
import { useNotifications } from '../../realtime/useNotifications.js';
import { Link } from '../layout/Link.js';
import { formatRelative, useNow } from '../time.js';
import { useCommentAnchor } from './comment-anchor.js';
import { notificationHref, notificationTitle } from './describe.js';
import './notifications.css';

export const SETTINGS_PATH = '/notifications/settings';

export function bellLabel(unread: number): string {
  return unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
}

function Item({ n, now, onOpen }: { n: Notification; now: number; onOpen: (n: Notification) => void }) {
  const href = notificationHref(n);
  const unread = n.readAt === null;
  const title = notificationTitle(n);
  return (
    <li className={`bell-item${unread ? ' bell-item--unread' : ''}`} data-testid="notification">
      {unread && <span className="visually-hidden">Unread: </span>}
      {href ? (
        <Link to={href} className="bell-item__title" onClick={() => onOpen(n)}>
          {title}
        </Link>
      ) : (
        <span className="bell-item__title">{title}</span>
      )}
      {n.excerpt && <p className="bell-item__excerpt">“{n.excerpt}”</p>}
      {n.reason && (
        <p className="bell-item__reason">
          <span className="bell-item__label">Reason:</span> {n.reason}
        </p>
      )}
      <p className="bell-item__meta">
        {n.articleTitle && <span className="bell-item__where">{n.articleTitle} · </span>}
        <time dateTime={n.createdAt}>{formatRelative(n.createdAt, now)}</time>
      </p>
    </li>
  );
}

export function Bell({ selfId }: { selfId: string }) {
  const notes = useNotifications(selfId);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [top, setTop] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();
  const now = useNow();
  useCommentAnchor();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  const toggle = () => {
    if (open) return close(false);
    setTop((button.current?.getBoundingClientRect().bottom ?? 0) + 6);
    setError(null);
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close(true);
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  const failed = (err: unknown) => setError(err instanceof Error ? err.message : 'That did not work; try again.');
  const openItem = (n: Notification) => {
    if (n.readAt === null) void notes.markRead([n.id]).catch(() => undefined);
    close(false);
  };

  return (
    <div className="bell">
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={bellLabel(notes.unread)}
        data-testid="bell"
        onClick={toggle}
      >
        <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.5L4.5 15v1.5h15V15L18 12.5V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0Z"
            fill="currentColor"
          />
        </svg>
        {notes.unread > 0 && (
          <span className="bell__count" aria-hidden="true" data-testid="bell-count">
            {notes.unread > 99 ? '99+' : notes.unread}
          </span>
        )}
      </button>
      <div
        ref={panel}
        id={panelId}
        className="bell__panel"
        role="region"
        aria-labelledby={headingId}
        tabIndex={-1}
        hidden={!open}
        style={{ top }}
      >
        <div className="bell__head">
          <h2 id={headingId} className="bell__heading">
            Notifications
          </h2>
          <button
            type="button"
            className="button button--quiet bell__all"
            disabled={notes.unread === 0}
            onClick={() => void notes.markAllRead().catch(failed)}
          >
            Mark all read
          </button>
        </div>
        {error && (
          <p className="bell__error" role="alert">
            {error}
          </p>
        )}
        {notes.loaded && notes.items.length === 0 && (
          <p className="bell__empty">
            Nothing yet. Replies, mentions and moderators’ decisions on your comments will show here.
          </p>
        )}
        {/* Listed only while open: a closed panel keeps no second copy of comment text in the page. */}
        {open && notes.items.length > 0 && (
          <ul className="bell__list">
            {notes.items.map((n) => (
              <Item key={n.id} n={n} now={now} onOpen={openItem} />
            ))}
          </ul>
        )}
        <div className="bell__foot">
          {notes.next && (
            <button type="button" className="button button--quiet" onClick={() => void notes.loadMore().catch(failed)}>
              Show older
            </button>
          )}
          <Link to={SETTINGS_PATH} className="bell__settings" onClick={() => close(false)}>
            Notification settings
          </Link>
        </div>
      </div>
    </div>
  );
}
