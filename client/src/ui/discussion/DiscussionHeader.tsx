import { useId } from 'react';
import { COMMENT_SORTS, type CommentSort } from '../../../../shared/ranking.js';
import type { ConnectionState } from '../../realtime/socket.js';
import { plural } from './messages.js';

const SORT_LABELS: Record<CommentSort, string> = {
  best: 'Best',
  top: 'Top',
  new: 'New',
  old: 'Old',
  controversial: 'Controversial',
};

function isSort(value: string): value is CommentSort {
  return (COMMENT_SORTS as readonly string[]).includes(value);
}

export interface DiscussionHeaderProps {
  headingId: string;
  /** Null until the thread has loaded. */
  totalComments: number | null;
  readers: number | null;
  sort: CommentSort;
  onSort(sort: CommentSort): void;
  connection: ConnectionState;
  /** The article's debate positions: a "Position" filter shows when there are any. */
  positions?: Array<{ id: string; name: string }>;
  positionFilter?: string | null;
  onPositionFilter?(positionId: string | null): void;
}

/** "Discussion", how many comments, who is reading now, the order, and the connection if it is down. */
export function DiscussionHeader({
  headingId,
  totalComments,
  readers,
  sort,
  onSort,
  connection,
  positions = [],
  positionFilter = null,
  onPositionFilter,
}: DiscussionHeaderProps) {
  const sortId = useId();
  const positionId = useId();
  return (
    <header className="discussion__header">
      <div className="discussion__title">
        <h2 id={headingId}>Discussion</h2>
        {totalComments !== null && (
          <span className="discussion__count">
            {totalComments === 0 ? 'No comments yet' : plural(totalComments, 'comment')}
          </span>
        )}
      </div>
      <div className="discussion__bar">
        {readers !== null ? (
          // While disconnected the count is stale: it stops pulsing and fades.
          <p className={`readers${connection.status === 'connected' ? '' : ' readers--stale'}`} data-testid="readers">
            <span className="readers__dot" aria-hidden="true" />
            {readers.toLocaleString('en')} reading now
          </p>
        ) : (
          <span />
        )}
        <div className="discussion__pickers">
          {positions.length > 0 && onPositionFilter && (
            <p className="sort-picker">
              <label htmlFor={positionId}>Position</label>
              <select
                id={positionId}
                value={positionFilter ?? ''}
                onChange={(event) => onPositionFilter(event.target.value || null)}
              >
                <option value="">All</option>
                {positions.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </p>
          )}
          <p className="sort-picker">
            <label htmlFor={sortId}>Sort by</label>
            <select
              id={sortId}
              value={sort}
              onChange={(event) => {
                if (isSort(event.target.value)) onSort(event.target.value);
              }}
            >
              {COMMENT_SORTS.map((value) => (
                <option key={value} value={value}>
                  {SORT_LABELS[value]}
                </option>
              ))}
            </select>
          </p>
        </div>
      </div>
      <div role="status" className="connection-note">
        {connection.status === 'reconnecting' && 'Reconnecting…'}
        {connection.status === 'refused' &&
          (connection.message ?? 'The live discussion is not available. Reload the page.')}
      </div>
    </header>
  );
}
