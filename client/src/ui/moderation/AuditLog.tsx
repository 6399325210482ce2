import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditView } from '../../../../shared/moderation.js';
import type { AuditEntry } from '../../../../shared/types.js';
import type { ParleyClientSocket } from '../../realtime/requests.js';
import { request } from '../../realtime/requests.js';
import { formatDateTime, formatRelative } from '../time.js';
import { AuditSubject } from './AuditSubject.js';
import { actionPast, modErrorMessage } from './rules.js';
import { inFilter, useLiveAudit, withLiveEntry } from './useLiveAudit.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const AUDIT_WORDS: Record<string, string> = {
  'sanction.warn': 'warned a user',
  'sanction.mute': 'muted a user',
  'sanction.ban': 'banned a user',
  'sanction.lift': 'lifted a sanction',
  'user.role': 'changed a user’s role',
  'user.reset-link': 'issued a password reset link',
  settings: 'changed the article settings',
  undo: 'undid an action',
};

/** Kept for undo and links, not shown as changes. */
const HIDDEN_KEYS = new Set(['modVersion', 'sanctionId']);

/** "removed a comment", "muted a user": what an audit entry records, in words. */
export function auditWhat(action: AuditEntry['action']): string {
  return AUDIT_WORDS[action] ?? `${actionPast(action)} a comment`;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(show).join(', ');
  if (typeof value === 'string') return ISO_TIME.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The fields that changed, as "status: visible → removed". */
export function describeChange(before: AuditEntry['before'], after: AuditEntry['after']): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const lines: string[] = [];
  for (const key of keys) {
    if (HIDDEN_KEYS.has(key)) continue;
    const b = before?.[key];
    const a = after?.[key];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    lines.push(before ? `${key}: ${show(b)} → ${show(a)}` : `${key}: ${show(a)}`);
  }
  return lines;
}

/** One audit entry on a line: when, who, what, why, and what changed. */
export function AuditRow({ entry, now }: { entry: AuditEntry; now: number }) {
  const changes = describeChange(entry.before, entry.after);
  return (
    <span className="audit-row">
      <time dateTime={entry.at} title={formatDateTime(entry.at)}>
        {formatRelative(entry.at, now)}
      </time>{' '}
      <bdi className="audit-row__who">{entry.actorName}</bdi> {auditWhat(entry.action)}
      {entry.reason && (
        <>
          {' — '}
          <span dir="auto">“{entry.reason}”</span>
        </>
      )}
      {changes.length > 0 && <span className="audit-row__change"> ({changes.join('; ')})</span>}
    </span>
  );
}

/**
 * The audit log (`mod:audit`): who did what, when, why, and what it changed, newest first, within
 * the article filter, paged with "Load more".
 */
export function AuditLog({
  socket,
  articleId,
  now,
}: {
  socket: ParleyClientSocket;
  articleId: string | null;
  now: number;
}) {
  const [entries, setEntries] = useState<AuditView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const ticket = useRef(0);

  // Another filter (or socket) loads afresh: marked while rendering, so the effect below only asks.
  const [loadedFor, setLoadedFor] = useState({ socket, articleId });
  if (loadedFor.socket !== socket || loadedFor.articleId !== articleId) {
    setLoadedFor({ socket, articleId });
    setLoading(true);
    setError('');
  }

  /** Asks for a page; only the answer sets state. */
  const ask = useCallback(
    (after: string | null) => {
      const mine = ++ticket.current;
      request(socket, 'mod:audit', { ...(articleId ? { articleId } : {}), ...(after ? { after } : {}) }).then(
        (page) => {
          if (mine !== ticket.current) return;
          setEntries((old) =>
            after ? [...old, ...page.items.filter((e) => !old.some((o) => o.id === e.id))] : page.items,
          );
          setNext(page.next);
          setLoading(false);
        },
        (err: unknown) => {
          if (mine !== ticket.current) return;
          setError(modErrorMessage(err));
          setLoading(false);
        },
      );
    },
    [socket, articleId],
  );

  const load = (after: string | null) => {
    setLoading(true);
    setError('');
    ask(after);
  };

  useEffect(() => ask(null), [ask]);

  // Entries written on any desk arrive live (`mod:audited`); a page loaded later holds them too.
  const onLive = useCallback(
    (entry: AuditView) => {
      if (inFilter(entry, articleId)) setEntries((old) => withLiveEntry(old, entry));
    },
    [articleId],
  );
  useLiveAudit(socket, onLive);

  return (
    <div className="audit" aria-busy={loading}>
      <div className="audit__bar">
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => load(null)}
          disabled={loading}
        >
          Refresh
        </button>
      </div>
      {error && (
        <p className="desk-item__message desk-item__message--error" role="alert">
          Could not load the audit log. {error}
        </p>
      )}
      {entries.length === 0 && !loading && !error && <p className="muted">Nothing has been moderated yet.</p>}
      {entries.length > 0 && (
        // Scrolls sideways in its own box on a phone (and takes the focus, so keys scroll it), not the page.
        <div className="audit__scroll" role="region" aria-label="Audit log entries" tabIndex={0}>
          <table className="audit__table">
            <caption className="visually-hidden">Moderation audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Why</th>
                <th scope="col">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at} title={formatRelative(e.at, now)}>
                      {formatDateTime(e.at)}
                    </time>
                  </td>
                  <td>
                    <bdi>{e.actorName}</bdi>
                  </td>
                  <td>
                    {auditWhat(e.action)}
                    <AuditSubject entry={e} />
                  </td>
                  <td dir="auto">{e.reason ?? '—'}</td>
                  <td>
                    {describeChange(e.before, e.after).map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {next && !loading && (
        <button type="button" className="button button--quiet load-more" onClick={() => load(next)}>
          Load more
        </button>
      )}
    </div>
  );
}
