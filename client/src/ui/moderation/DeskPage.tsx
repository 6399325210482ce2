import { useId, useMemo } from 'react';
import { isStaff, MOD_QUEUES, type ModQueue, type SelfUser } from '../../../../shared/types.js';
import { connectAs } from '../../realtime/socket.js';
import { useConnection } from '../../realtime/useConnection.js';
import { authPath, navigate, useLocation } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { plural } from '../discussion/messages.js';
import { Link } from '../layout/Link.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { useNow } from '../time.js';
import { AuditLog } from './AuditLog.js';
import { DeskTabs, panelId, tabId, type DeskTab } from './DeskTabs.js';
import { QueueList } from './QueueList.js';
import { modErrorMessage, QUEUE_LABELS } from './rules.js';
import { SettingsPanel } from './SettingsPanel.js';
import { SHORTCUTS, useListShortcuts } from './shortcuts.js';
import { UndoBar } from './UndoBar.js';
import { useDesk } from './useDesk.js';

type DeskTabId = ModQueue | 'audit' | 'settings';
const TAB_IDS: readonly DeskTabId[] = [...MOD_QUEUES, 'audit', 'settings'];

function isTab(value: string | null): value is DeskTabId {
  return value !== null && (TAB_IDS as readonly string[]).includes(value);
}

function isQueue(tab: DeskTabId): tab is ModQueue {
  return (MOD_QUEUES as readonly string[]).includes(tab);
}

/** What guests and readers see at /moderate. */
function ModeratorsOnly({ signedIn }: { signedIn: boolean }) {
  return (
    <section className="notice-page">
      <h1>Moderators only</h1>
      <p>The moderation desk is for the moderators of this site.</p>
      <p>
        {signedIn ? (
          <Link to="/">Back to all articles</Link>
        ) : (
          <>
            If you moderate here, <Link to={authPath('sign-in', '/moderate')}>sign in</Link> first.
          </>
        )}
      </p>
    </section>
  );
}

function Shortcuts() {
  return (
    <section className="desk__keys" aria-label="Keyboard shortcuts">
      <span className="desk__keys-title">Keys on a focused item:</span>
      <ul>
        {SHORTCUTS.map((s) => (
          <li key={s.keys}>
            <kbd>{s.keys}</kbd> {s.does}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The moderation desk for a moderator or admin: the five live queues, the audit log and the
 * article settings in tabs, an article filter, and keyboard shortcuts for working a queue.
 */
function DeskView({ user }: { user: SelfUser }) {
  const prefix = useId();
  const filterId = useId();
  const { searchParams } = useLocation();
  const asked = searchParams.get('tab');
  const tab: DeskTabId = isTab(asked) ? asked : 'pending';
  const articleFilter = searchParams.get('article') || null;
  const self = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name]);
  const desk = useDesk(self, articleFilter);
  const connection = useConnection();
  const now = useNow();
  useListShortcuts(isQueue(tab));

  const go = (next: { tab?: DeskTabId; article?: string | null }) => {
    const params = new URLSearchParams();
    const t = next.tab ?? tab;
    const a = next.article === undefined ? articleFilter : next.article;
    if (t !== 'pending') params.set('tab', t);
    if (a) params.set('article', a);
    const query = params.toString();
    navigate(query ? `/moderate?${query}` : '/moderate', { replace: true });
  };

  const tabs: Array<DeskTab<DeskTabId>> = [
    ...MOD_QUEUES.map((q) => {
      const n = desk.itemsOf(q).length;
      const more = desk.paging[q].next !== null;
      return {
        id: q,
        label: QUEUE_LABELS[q],
        count: `${n}${more ? '+' : ''}`,
        countLabel: `${plural(n, 'comment')}${more ? ' loaded, more on the server' : ''}`,
      };
    }),
    { id: 'audit', label: 'Audit log' },
    { id: 'settings', label: 'Article settings' },
  ];

  return (
    <section className="desk" aria-labelledby={`${prefix}-title`}>
      <header className="desk__header">
        <h1 id={`${prefix}-title`} className="desk__title">
          Moderation desk
        </h1>
        <p
          className={`desk__live${connection.status === 'connected' && desk.status === 'ready' ? '' : ' desk__live--off'}`}
          role="status"
        >
          <span className="readers__dot" aria-hidden="true" />
          {desk.status === 'failed'
            ? `Not connected: ${modErrorMessage(desk.error)}`
            : connection.status === 'connected' && desk.status === 'ready'
              ? 'Live'
              : 'Connecting…'}
        </p>
        <p className="desk__filter">
          <label htmlFor={filterId}>Article</label>
          <select id={filterId} value={articleFilter ?? ''} onChange={(e) => go({ article: e.target.value || null })}>
            <option value="">All articles</option>
            {desk.articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </p>
      </header>
      <Shortcuts />
      <UndoBar socket={connectAs(user.id)} selfId={user.id} now={now} />
      <DeskTabs
        tabs={tabs}
        selected={tab}
        onSelect={(t) => go({ tab: t })}
        idPrefix={prefix}
        label="Moderation queues"
      />
      <div className="desk__panel" role="tabpanel" id={panelId(prefix)} aria-labelledby={tabId(prefix, tab)}>
        {isQueue(tab) && <QueueList queue={tab} desk={desk} selfId={user.id} now={now} />}
        {tab === 'audit' && <AuditLog socket={connectAs(user.id)} articleId={articleFilter} now={now} />}
        {tab === 'settings' && (
          <SettingsPanel
            key={articleFilter ?? 'all'}
            socket={connectAs(user.id)}
            articles={desk.articles}
            articleId={articleFilter}
          />
        )}
      </div>
    </section>
  );
}

/** /moderate: the desk for moderators and admins, a polite refusal for everyone else. */
export function DeskPage() {
  useDocumentTitle('Moderation desk');
  const { session, user } = useSession();
  if (session.status === 'restoring') {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (!user || !isStaff(user.role)) return <ModeratorsOnly signedIn={user !== null} />;
  return <DeskView key={user.id} user={user} />;
}
