/** Words and small formatting for the debate panel: names of positions and states, clock text. */
import { isPhaseLive } from '../../../../shared/debate/machine.js';
import { UNDECIDED, type DebateStatus, type DebateView, type TemplateName } from '../../../../shared/debate/model.js';
import { countOf } from '../../../../shared/plural.js';

export const STATUS_LABELS: Record<DebateStatus, string> = {
  scheduled: 'Not started',
  'pre-vote': 'Pre-vote',
  live: 'Live',
  'post-vote': 'Post-vote',
  results: 'Results',
  closed: 'Closed',
};

export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  oxford: 'Oxford style',
  'lincoln-douglas': 'Lincoln-Douglas',
  'free-form': 'Free form',
};

/** The name of a position id, "Undecided" for UNDECIDED. */
export function positionName(positions: Array<{ id: string; name: string }>, id: string): string {
  if (id === UNDECIDED) return 'Undecided';
  return positions.find((p) => p.id === id)?.name ?? 'Unknown position';
}

/** The choices of a vote, in order: each position, then undecided. */
export function voteChoices(positions: Array<{ id: string; name: string }>): Array<{ id: string; name: string }> {
  return [...positions.map((p) => ({ id: p.id, name: p.name })), { id: UNDECIDED, name: 'Undecided' }];
}

/** What is happening now, in words: the phase while live, else the stage of the session. */
export function phaseTitle(view: DebateView): string {
  const { status } = view.state;
  if (isPhaseLive(view.state)) return view.plan[view.state.phaseIndex]?.title ?? 'Live';
  if (status === 'pre-vote') return 'Pre-vote: the audience votes on the motion';
  if (status === 'post-vote') return 'Post-vote: the audience votes again';
  if (status === 'results')
    return view.state.resultsRevealed
      ? 'Voting is closed: the results are out'
      : 'Voting is closed: the results are to come';
  if (status === 'closed') return 'The debate is over';
  return STATUS_LABELS[status];
}

/** "7:00", "0:05", "1:02:03": time left, rounded up to the second so 0:00 means over. */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "7 min", "90 s": a phase's planned length. */
export function formatLength(seconds: number): string {
  return seconds % 60 === 0
    ? `${seconds / 60} min`
    : seconds > 60
      ? `${Math.floor(seconds / 60)} min ${seconds % 60} s`
      : `${seconds} s`;
}

/** "1 vote", "12 votes". */
export function votes(n: number): string {
  return countOf(n, 'vote');
}

/** "1 point", "-2 points": a comment's score (upvotes minus downvotes). */
export function points(n: number): string {
  return countOf(n, 'point');
}

/** "1 upvote", "3 upvotes". */
export function upvotes(n: number): string {
  return countOf(n, 'upvote');
}

/** "+2.5", "-17", "0": a swing in percentage points. */
export function formatSwing(swing: number): string {
  return swing > 0 ? `+${swing}` : swing < 0 ? `−${Math.abs(swing)}` : '0';
}

/** The report opens to everyone once the session is over or its results are out. */
export function isFinished(view: DebateView): boolean {
  return view.state.status === 'closed' || view.state.resultsRevealed;
}
