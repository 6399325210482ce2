import { useCallback, useEffect, useState } from 'react';
import type { CommentContext } from '../../../../shared/events.js';
import type { Sanction } from '../../../../shared/types.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { useSession } from '../../state/session.js';
import { plural } from '../discussion/messages.js';
import { formatDateTime, formatRelative } from '../time.js';
import { AuditRow } from './AuditLog.js';
import { modErrorMessage, REPORT_REASON_LABELS, SANCTION_LABELS } from './rules.js';
import { closeDetailsOnEscape } from '../layout/escape.js';

const EXCERPT = 200;
const cut = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT).trimEnd()}…` : s);

function SanctionLine({ s, onLift }: { s: Sanction; onLift(id: string): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <li>
      <strong>{SANCTION_LABELS[s.kind]}</strong>{' '}
      {s.until ? `until ${formatDateTime(s.until)}` : s.kind === 'warn' ? '(not yet acknowledged)' : '(no end date)'}
      {' — '}
      <span dir="auto">{s.reason}</span>{' '}
      <button
        type="button"
        className="mod-button mod-button--small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onLift(s.id).finally(() => setBusy(false));
        }}
      >
        Lift<span className="visually-hidden"> {SANCTION_LABELS[s.kind].toLowerCase()}</span>
      </button>
    </li>
  );
}

/**
 * A queued comment in context, read with `mod:context`: the comment it answers, its author's
 * standing (counts, sanctions in force with Lift, recent comments), the reports with their
 * reasons, and the audit trail of this comment. Reloads when the comment's modVersion moves.
 */
export function ContextPanel({ commentId, modVersion, now }: { commentId: string; modVersion: number; now: number }) {
  const { user } = useSession();
  const [context, setContext] = useState<CommentContext | null>(null);
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);
  const socket = user ? connectAs(user.id) : null;

  useEffect(() => {
    if (!socket) return;
    let current = true;
    request(socket, 'mod:context', { commentId }).then(
      (data) => {
        if (!current) return;
        setContext(data);
        setError('');
      },
      (err: unknown) => {
        if (current) setError(modErrorMessage(err));
      },
    );
    return () => {
      current = false;
    };
  }, [socket, commentId, modVersion, attempt]);

  const lift = useCallback(
    async (sanctionId: string) => {
      if (!socket) return;
      try {
        await request(socket, 'mod:lift', { sanctionId });
        setAttempt((n) => n + 1);
      } catch (err) {
        setError(modErrorMessage(err));
      }
    },
    [socket],
  );

  if (error && !context) {
    return (
      <p className="desk-item__message desk-item__message--error" role="alert">
        Could not load the context. {error}
      </p>
    );
  }
  if (!context) {
    return (
      <p className="muted" role="status">
        Loading context…
      </p>
    );
  }
  const { parent, author, reports, audit } = context;
  const { standing } = author;
  return (
    <div className="context">
      {error && (
        <p className="desk-item__message desk-item__message--error" role="alert">
          {error}
        </p>
      )}
      {parent && (
        <section className="context__part">
          <h4>
            In reply to <bdi>{parent.authorName || 'a hidden comment'}</bdi>
          </h4>
          <blockquote className="context__quote" dir="auto">
            {parent.body ? cut(parent.body) : `[${parent.status}]`}
          </blockquote>
        </section>
      )}
      <section className="context__part">
        <h4>
          Author: <bdi>{author.user?.name ?? 'unknown'}</bdi>
          {author.user && (
            <span className="context__soft">
              {' '}
              · joined {formatRelative(author.user.createdAt, now)} · {author.user.role}
            </span>
          )}
        </h4>
        <p className="context__counts">
          {plural(standing.total, 'comment')}: {standing.visible} visible, {standing.held} held, {standing.removed}{' '}
          removed, {standing.deleted} deleted · {plural(author.sanctions.length, 'sanction')} in all
        </p>
        {author.active.length > 0 ? (
          <ul className="context__list context__list--sanctions" aria-label="Sanctions in force">
            {author.active.map((s) => (
              <SanctionLine key={s.id} s={s} onLift={lift} />
            ))}
          </ul>
        ) : (
          <p className="context__soft">No sanctions in force.</p>
        )}
        {author.recent.length > 0 && (
          <details className="context__recent" onKeyDown={closeDetailsOnEscape}>
            <summary>Recent comments ({author.recent.length})</summary>
            <ul className="context__list">
              {author.recent.map((r) => (
                <li key={r.id}>
                  <span className={`chip-tag chip-tag--${r.status}`}>{r.status}</span>{' '}
                  <span dir="auto">{r.body ? cut(r.body) : '[no text]'}</span>{' '}
                  <time className="context__soft" dateTime={r.createdAt}>
                    {formatRelative(r.createdAt, now)}
                  </time>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section className="context__part">
        <h4>Reports ({reports.length})</h4>
        {reports.length === 0 ? (
          <p className="context__soft">No reports.</p>
        ) : (
          <ul className="context__list">
            {reports.map((r) => (
              <li key={`${r.userId}-${r.at}`}>
                <strong>{REPORT_REASON_LABELS[r.reason]}</strong>
                {r.note && (
                  <>
                    {': '}
                    <span dir="auto">{r.note}</span>
                  </>
                )}{' '}
                <time className="context__soft" dateTime={r.at} title={formatDateTime(r.at)}>
                  {formatRelative(r.at, now)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="context__part">
        <h4>History of this comment</h4>
        {audit.length === 0 ? (
          <p className="context__soft">No moderation yet.</p>
        ) : (
          <ul className="context__list">
            {audit.map((entry) => (
              <li key={entry.id}>
                <AuditRow entry={entry} now={now} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
