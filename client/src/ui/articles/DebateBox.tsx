import { useId, type MouseEvent } from 'react';
import type { DebateStatus } from '../../../../shared/debate/model.js';
import { STATUS_LABELS } from '../debate/words.js';
import { DebateBadge, isUnderWay } from './DebateBadge.js';

/** The id of the live debate panel below the article (ArticleDebates.tsx): the box's link goes there. */
export const DEBATE_PANEL_ID = 'current-debate';

/** What the link to the panel says: where it takes the reader, by where the debate stands. */
function linkText(status: DebateStatus): string {
  if (isUnderWay(status)) return 'Join the live debate';
  if (status === 'results') return 'See the results';
  return 'Go to the debate';
}

/**
 * Moves focus to the panel (it takes focus: tabIndex -1), so keyboard and screen-reader users carry
 * on from there, and brings it into view. Without the panel on the page, the browser follows the
 * link's fragment as usual.
 */
function goToPanel(event: MouseEvent<HTMLAnchorElement>, panelId: string): void {
  const panel = document.getElementById(panelId);
  if (!panel) return;
  event.preventDefault();
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
  panel.focus({ preventScroll: true });
  panel.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
}

/**
 * The debate an article hosts now, at the top of the article: its motion, where it stands (a badge,
 * and what is happening now when it is a debate on record, not just the article's proposed motion),
 * the positions people can take, and a link down to the debate panel below the article.
 */
export function DebateBox({
  motion,
  positions,
  status = null,
  stage = null,
  panelId = null,
}: {
  motion: string;
  positions: string[];
  status?: DebateStatus | null;
  /** What is happening now, in words (useDebateStage); the status's name when not known. */
  stage?: string | null;
  /** The id of the debate panel on the page, if there is one to go to. */
  panelId?: string | null;
}) {
  const headingId = useId();
  return (
    <aside className="debate" aria-labelledby={headingId} data-testid="debate-box">
      <div className="debate__top">
        <h2 id={headingId} className="debate__heading">
          Debate
        </h2>
        {status && <DebateBadge status={status} />}
        {status && (
          <p className="debate__status" data-testid="debate-box-stage">
            {stage ?? STATUS_LABELS[status]}
          </p>
        )}
      </div>
      <p className="debate__motion" dir="auto">
        {motion}
      </p>
      {positions.length > 0 && (
        <ul className="chips" aria-label="Positions">
          {positions.map((position, i) => (
            <li key={i} className="chip">
              <bdi>{position}</bdi>
            </li>
          ))}
        </ul>
      )}
      {status && panelId && (
        <p className="debate__go">
          <a
            href={`#${panelId}`}
            className={isUnderWay(status) ? 'debate__link debate__link--live' : 'debate__link'}
            onClick={(event) => goToPanel(event, panelId)}
            data-testid="debate-box-link"
          >
            {linkText(status)}
            <span aria-hidden="true"> ↓</span>
          </a>
        </p>
      )}
    </aside>
  );
}
