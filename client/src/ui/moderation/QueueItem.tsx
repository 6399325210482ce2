import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ModAction } from '../../../../shared/types.js';
import { articlePath, profilePath } from '../../state/router.js';
import { plural } from '../discussion/messages.js';
import { isFreeEscape, returnFocus } from '../layout/escape.js';
import { Link } from '../layout/Link.js';
import { formatDateTime, formatRelative } from '../time.js';
import { ContextPanel } from './ContextPanel.js';
import { RemoveForm } from './RemoveForm.js';
import { ReportReasons } from './ReportReasons.js';
import { actionsFor } from '../../../../shared/moderation.js';
import { ACTION_KEYS, ACTION_LABELS, actionPast, isRace, modErrorMessage } from './rules.js';
import { SanctionForm } from './SanctionForm.js';
import { focusItem, isTypingOrModified, neighbourOf } from './shortcuts.js';
import type { DeskItem } from './useDesk.js';

export interface QueueItemProps {
  item: DeskItem;
  selfId: string;
  now: number;
  act(item: DeskItem, action: ModAction, reason?: string): Promise<void>;
  refresh(commentId: string): Promise<void>;
}

const KEY_ACTIONS: Record<string, ModAction[]> = {
  a: ['approve'],
  r: ['remove'],
  h: ['hold'],
  f: ['feature', 'unfeature'],
};

/** Why the comment is in its queue: the hold reason, the reports, the removal reason. */
function Why({ item }: { item: DeskItem }) {
  const c = item.comment;
  const parts: string[] = [];
  if (c.status === 'held') parts.push(`Held — ${c.holdReason ?? 'no reason given'}`);
  if (c.status === 'removed') parts.push(`Removed — ${c.removedReason ?? 'no reason given'}`);
  if (c.reportCount > 0)
    parts.push(`Reported ${plural(c.reportCount, 'time')}${c.approved ? ' (approved since)' : ''}`);
  if (parts.length === 0) return null;
  return (
    <p className="desk-item__why" dir="auto">
      {parts.join(' · ')}
    </p>
  );
}

/**
 * One comment on the desk: the text (escaped, in its own direction), author, time, article, why it
 * is queued, and the actions that apply, with the context and a sanction form on request. Keys on
 * the focused item: j / k move, a / r / h / f act. After an action moves it out of the queue, focus
 * goes to the next item, so a moderator can work a queue from the keyboard alone.
 */
export function QueueItem({ item, selfId, now, act, refresh }: QueueItemProps) {
  const id = useId();
  const c = item.comment;
  const root = useRef<HTMLElement>(null);
  /** What opened the remove or sanction form (its button, or the item for the r key): focus goes back there. */
  const opener = useRef<HTMLElement | null>(null);
  const contextButton = useRef<HTMLButtonElement>(null);
  const [panel, setPanel] = useState<'none' | 'remove' | 'sanction'>('none');
  const [showContext, setShowContext] = useState(false);
  const [busy, setBusy] = useState(false);
  /** `version`: the modVersion the message describes; once the comment moves on (an undo), it goes. */
  const [message, setMessage] = useState<{ text: string; error: boolean; version?: number } | null>(null);
  const handled = item.handled !== null;
  const actions = handled ? [] : actionsFor(c);

  const run = async (action: ModAction, reason?: string) => {
    const el = root.current;
    const neighbour = el ? neighbourOf(el) : null;
    const hadFocus = el?.contains(document.activeElement) ?? false;
    setBusy(true);
    setMessage(null);
    try {
      await act(item, action, reason);
      setPanel('none');
      setMessage({ text: `Comment ${actionPast(action)}.`, error: false, version: c.modVersion + 1 });
      // The item may have left this queue: keep the keyboard moving down the list.
      window.setTimeout(() => {
        if (hadFocus && el && !el.isConnected && neighbour?.isConnected) neighbour.focus();
        else if (hadFocus && el?.isConnected && !el.contains(document.activeElement)) el.focus();
      }, 50);
    } catch (err) {
      setMessage({ text: modErrorMessage(err), error: true });
      // The item now shows what the other moderator did; the reason box no longer applies.
      if (isRace(err)) setPanel('none');
    } finally {
      setBusy(false);
    }
  };

  const openPanel = (next: 'remove' | 'sanction') => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : root.current;
    setPanel(next);
  };

  const closePanel = () => {
    setPanel('none');
    returnFocus(() => (opener.current?.isConnected ? opener.current : root.current));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Escape closes what is open in the item, the form first (the forms handle their own Escape).
    if (isFreeEscape(event) && (panel !== 'none' || showContext)) {
      event.preventDefault();
      if (panel !== 'none') return closePanel();
      setShowContext(false);
      return returnFocus(() => contextButton.current);
    }
    if (isTypingOrModified(event)) return;
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      focusItem(root.current, event.key === 'j' ? 1 : -1);
      return;
    }
    const action = KEY_ACTIONS[event.key]?.find((a) => actions.includes(a));
    if (!action || busy) return;
    event.preventDefault();
    if (action === 'remove') openPanel('remove');
    else void run(action);
  };

  const keysDoc = ['j', 'k', ...actions.map((a) => (a === 'unfeature' ? 'f' : ACTION_KEYS[a])).filter(Boolean)].join(
    ' ',
  );
  return (
    <article
      ref={root}
      className={`desk-item desk-item--${c.status}${handled ? ' desk-item--handled' : ''}`}
      data-desk-item={c.id}
      data-testid="desk-item"
      tabIndex={0}
      aria-label={`Comment by ${c.authorName || 'an unknown author'}`}
      aria-describedby={`${id}-body`}
      aria-keyshortcuts={keysDoc}
      onKeyDown={onKeyDown}
    >
      {item.handled && (
        <p className="desk-item__handled" role="status">
          Handled by <bdi>{item.handled.by}</bdi> ({actionPast(item.handled.action)})
        </p>
      )}
      <header className="desk-item__meta">
        {c.authorName ? (
          <Link to={profilePath(c.authorName)} className="desk-item__author">
            <bdi>{c.authorName}</bdi>
          </Link>
        ) : (
          <bdi className="desk-item__author">Unknown author</bdi>
        )}
        <span aria-hidden="true"> · </span>
        <time dateTime={c.createdAt} title={formatDateTime(c.createdAt)}>
          {formatRelative(c.createdAt, now)}
        </time>
        <span aria-hidden="true"> · </span>
        {item.article.slug ? (
          <Link to={articlePath(item.article.slug)} className="desk-item__article" dir="auto">
            {item.article.title || item.article.slug}
          </Link>
        ) : (
          <span className="muted">another article</span>
        )}
        <span className="desk-item__chips">
          {c.status !== 'visible' && <span className={`chip-tag chip-tag--${c.status}`}>{c.status}</span>}
          {c.featured && <span className="chip-tag chip-tag--featured">featured</span>}
          {c.approved && c.status === 'visible' && <span className="chip-tag">approved</span>}
          {c.parentId && <span className="chip-tag">reply</span>}
        </span>
      </header>
      <p className="desk-item__body" id={`${id}-body`} dir="auto">
        {c.body || <span className="comment__placeholder">[deleted by its author]</span>}
      </p>
      <Why item={item} />
      <ReportReasons reasons={item.reasons} />

      <div className="desk-item__actions" role="group" aria-label="Actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`mod-button${action === 'remove' ? ' mod-button--danger' : ''}${action === 'approve' ? ' mod-button--go' : ''}`}
            disabled={busy}
            aria-keyshortcuts={action === 'unfeature' ? 'f' : ACTION_KEYS[action]}
            aria-expanded={action === 'remove' ? panel === 'remove' : undefined}
            onClick={() => {
              if (action !== 'remove') void run(action);
              else if (panel === 'remove') setPanel('none');
              else openPanel('remove');
            }}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        {!handled && c.authorId && c.authorId !== selfId && (
          <button
            type="button"
            className="mod-button"
            aria-expanded={panel === 'sanction'}
            onClick={() => (panel === 'sanction' ? setPanel('none') : openPanel('sanction'))}
          >
            Sanction author
          </button>
        )}
        <button
          ref={contextButton}
          type="button"
          className="mod-button mod-button--quiet"
          aria-expanded={showContext}
          aria-controls={`${id}-context`}
          onClick={() => setShowContext(!showContext)}
        >
          {showContext ? 'Hide context' : 'Context'}
        </button>
      </div>

      {panel === 'remove' && <RemoveForm onSubmit={(reason) => run('remove', reason)} onCancel={closePanel} />}
      {panel === 'sanction' && (
        <SanctionForm
          userId={c.authorId}
          userName={c.authorName}
          onCancel={closePanel}
          onDone={(text) => {
            setPanel('none');
            setMessage({ text, error: false });
            void refresh(c.id).catch(() => undefined);
          }}
        />
      )}
      <p className={`desk-item__message${message?.error ? ' desk-item__message--error' : ''}`} role="status">
        {message && (message.version === undefined || message.version === c.modVersion) ? message.text : null}
      </p>
      <div id={`${id}-context`}>
        {showContext && <ContextPanel commentId={c.id} modVersion={c.modVersion} now={now} />}
      </div>
    </article>
  );
}
