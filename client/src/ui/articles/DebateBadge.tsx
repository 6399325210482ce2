import type { DebateStatus } from '../../../../shared/debate/model.js';

type Tone = 'live' | 'soon' | 'done';

/**
 * Where a debate stands, in a word: live from the pre-vote to the final vote (the audience can take
 * part now), upcoming before, results after. A closed debate gets no badge.
 */
const BADGES: Record<DebateStatus, { tone: Tone; text: string } | null> = {
  scheduled: { tone: 'soon', text: 'Upcoming' },
  'pre-vote': { tone: 'live', text: 'Live now' },
  live: { tone: 'live', text: 'Live now' },
  'post-vote': { tone: 'live', text: 'Live now' },
  results: { tone: 'done', text: 'Results' },
  closed: null,
};

/** Whether the audience can take part in the debate now. */
export const isUnderWay = (status: DebateStatus): boolean => BADGES[status]?.tone === 'live';

/**
 * The badge of a debate's state, coloured by tone (live, with a dot; upcoming; results): "Live now",
 * "Upcoming" or "Results", or `text` where more is said (the front page's "Debate, pre-vote open").
 */
export function DebateBadge({ status, text, className }: { status: DebateStatus; text?: string; className?: string }) {
  const badge = BADGES[status];
  if (!badge) return null;
  return (
    <span className={`badge badge--${badge.tone}${className ? ` ${className}` : ''}`} data-testid="debate-badge">
      {badge.tone === 'live' && <span className="badge__dot" aria-hidden="true" />}
      {text ?? badge.text}
    </span>
  );
}
