import type { VoteValue } from '../../../../shared/types.js';

export interface VoteButtonsProps {
  upvotes: number;
  downvotes: number;
  /** The reader's own vote on this comment. */
  myVote: VoteValue;
  /** Why the reader may not vote here (shown as the buttons' title), or null when they may. */
  disabledReason: string | null;
  onVote(value: VoteValue): void;
}

/**
 * Up, score, down. A pressed button shows the reader's vote; pressing it again takes the vote back.
 * Buttons stay enabled while a vote is on its way (the caller ignores repeats), so focus stays put.
 */
export function VoteButtons({ upvotes, downvotes, myVote, disabledReason, onVote }: VoteButtonsProps) {
  const score = upvotes - downvotes;
  const disabled = disabledReason !== null;
  return (
    <span className="votes" role="group" aria-label="Votes">
      <button
        type="button"
        className="vote vote--up"
        aria-label="Upvote"
        aria-pressed={myVote === 1}
        disabled={disabled}
        title={disabledReason ?? (myVote === 1 ? 'Take back your upvote' : 'Upvote')}
        onClick={() => onVote(myVote === 1 ? 0 : 1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 3 14 11H2z" />
        </svg>
      </button>
      <span className="votes__score" title={`${upvotes} up, ${downvotes} down`}>
        <span data-testid="score">{score}</span>
        <span className="visually-hidden"> points</span>
      </span>
      <button
        type="button"
        className="vote vote--down"
        aria-label="Downvote"
        aria-pressed={myVote === -1}
        disabled={disabled}
        title={disabledReason ?? (myVote === -1 ? 'Take back your downvote' : 'Downvote')}
        onClick={() => onVote(myVote === -1 ? 0 : -1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 13 2 5h12z" />
        </svg>
      </button>
    </span>
  );
}
