import type { VoteSplit } from '../../../../shared/common-ground.js';
import { percentOf, splitTotal, splitWords } from './words.js';

/**
 * How everyone's votes on one statement split, as a thin stacked bar and its counts in words.
 * Counts only: who voted how is never known on the client.
 */
export function SplitBar({ split }: { split: VoteSplit | undefined }) {
  const agree = percentOf(split?.agree ?? 0, split);
  const disagree = percentOf(split?.disagree ?? 0, split);
  // What agree and disagree leave, so rounding never leaves a gap; nothing at all without votes.
  const pass = splitTotal(split) === 0 ? 0 : Math.max(0, 100 - agree - disagree);
  return (
    <div className="ground-split" data-testid="ground-split">
      <span className="ground-split__track" aria-hidden="true">
        <span className="ground-split__agree" style={{ inlineSize: `${agree}%` }} />
        <span className="ground-split__disagree" style={{ inlineSize: `${disagree}%` }} />
        <span className="ground-split__pass" style={{ inlineSize: `${pass}%` }} />
      </span>
      <span className="ground-split__words">{splitWords(split)}</span>
    </div>
  );
}
