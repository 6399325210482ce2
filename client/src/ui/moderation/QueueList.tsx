import type { ModQueue } from '../../../../shared/types.js';
import { QueueItem } from './QueueItem.js';
import { modErrorMessage, QUEUE_HELP, QUEUE_LABELS } from './rules.js';
import type { Desk } from './useDesk.js';

const EMPTY: Record<ModQueue, string> = {
  pending: 'Nothing is waiting for a decision.',
  reported: 'No open reports.',
  new: 'No comments yet.',
  removed: 'Nothing has been removed.',
  featured: 'No featured comments.',
};

/** One queue: its items, newest first, live; "Load more" while the server has older ones. */
export function QueueList({ queue, desk, selfId, now }: { queue: ModQueue; desk: Desk; selfId: string; now: number }) {
  const items = desk.itemsOf(queue);
  const paging = desk.paging[queue];
  return (
    <div className="queue">
      <p className="queue__help">{QUEUE_HELP[queue]}</p>
      {paging.error !== null && (
        <div className="load-error" role="alert">
          <p>Could not load this queue. {modErrorMessage(paging.error)}</p>
        </div>
      )}
      {!paging.loaded && paging.loading && items.length === 0 && (
        <p className="muted" role="status">
          Loading {QUEUE_LABELS[queue].toLowerCase()} comments…
        </p>
      )}
      {paging.loaded && items.length === 0 && <p className="queue__empty">{EMPTY[queue]}</p>}
      {items.length > 0 && (
        <ol className="queue__items" aria-label={`${QUEUE_LABELS[queue]} comments`}>
          {items.map((item) => (
            <li key={item.comment.id}>
              <QueueItem item={item} selfId={selfId} now={now} act={desk.act} refresh={desk.refresh} />
            </li>
          ))}
        </ol>
      )}
      {paging.next !== null && (
        <button
          type="button"
          className="button button--quiet load-more"
          onClick={() => desk.loadMore(queue)}
          disabled={paging.loading}
          aria-busy={paging.loading}
        >
          {paging.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
