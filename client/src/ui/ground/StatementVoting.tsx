import { useRef, useState } from 'react';
import {
  GROUND_VOTES,
  type GroundStatement,
  type GroundVote,
  type VoteSplit,
} from '../../../../shared/common-ground.js';
import { Link } from '../layout/Link.js';
import { groundErrorMessage } from './messages.js';
import { SplitBar } from './SplitBar.js';

const VOTE_LABELS: Record<GroundVote, string> = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' };
/** Statements shown before "Show all": enough to vote on without a long scroll past them. */
const FIRST_SHOWN = 8;

function StatementItem({
  statement,
  myVote,
  split,
  signInPath,
  onVote,
  onWithdraw,
}: {
  statement: GroundStatement;
  myVote: GroundVote | undefined;
  split: VoteSplit | undefined;
  signInPath: string | null;
  onVote(vote: GroundVote): Promise<void>;
  /** For those who manage the statements: take it away from voting. */
  onWithdraw?: () => Promise<void>;
}) {
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const withdraw = async () => {
    setError('');
    try {
      await onWithdraw?.();
    } catch (err) {
      setError(groundErrorMessage(err));
      setConfirming(false);
    }
  };
  const voting = useRef(false);
  const vote = async (choice: GroundVote) => {
    // The same vote again changes nothing; a press while one is on its way is ignored (focus stays).
    if (voting.current || choice === myVote) return;
    voting.current = true;
    setError('');
    try {
      await onVote(choice);
    } catch (err) {
      setError(groundErrorMessage(err));
    } finally {
      voting.current = false;
    }
  };
  return (
    <li className="ground-statement" data-testid="ground-statement" data-statement-id={statement.id}>
      <p className="ground-statement__text" dir="auto">
        {statement.text}
      </p>
      {signInPath === null ? (
        <div className="ground-vote" role="group" aria-label={`Your vote: ${statement.text}`}>
          {GROUND_VOTES.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`ground-vote__button ground-vote__button--${choice}`}
              aria-pressed={myVote === choice}
              onClick={() => void vote(choice)}
            >
              {myVote === choice && <span aria-hidden="true">✓ </span>}
              {VOTE_LABELS[choice]}
            </button>
          ))}
        </div>
      ) : null}
      <SplitBar split={split} />
      {onWithdraw &&
        (confirming ? (
          <p className="ground-statement__withdraw" role="group" aria-label="Withdraw this statement?">
            Withdraw it? Its votes will count no more.{' '}
            <button type="button" className="button button--small" onClick={() => void withdraw()}>
              Withdraw
            </button>{' '}
            <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button button--quiet button--small ground-statement__withdraw"
            aria-label={`Withdraw: ${statement.text}`}
            onClick={() => setConfirming(true)}
          >
            Withdraw
          </button>
        ))}
      {error && (
        <p className="ground__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * The approved statements with Agree / Disagree / Pass for each (the viewer's own vote pressed, and
 * changeable), how everyone's votes split, and how many the viewer has voted on. Guests get a
 * sign-in link instead of the buttons.
 */
export function StatementVoting({
  statements,
  myVotes,
  splits,
  signInPath,
  onVote,
  onWithdraw,
}: {
  statements: GroundStatement[];
  myVotes: Record<string, GroundVote>;
  splits: Record<string, VoteSplit>;
  /** Where a guest signs in (null: the viewer is signed in and votes here). */
  signInPath: string | null;
  onVote(statementId: string, vote: GroundVote): Promise<void>;
  /** Managers only: withdraw a statement. */
  onWithdraw?: (statementId: string) => Promise<void>;
}) {
  const [showAll, setShowAll] = useState(false);
  if (statements.length === 0) {
    return <p className="muted">No statements yet. Propose one below.</p>;
  }
  const voted = statements.filter((s) => myVotes[s.id] !== undefined).length;
  // Oldest first and in a fixed order: a statement never moves away under the reader's click.
  const shown = showAll ? statements : statements.slice(0, FIRST_SHOWN);
  return (
    <>
      {signInPath === null ? (
        <p className="ground__progress" data-testid="ground-progress">
          {voted} of {statements.length} statements voted
        </p>
      ) : (
        <p className="ground__progress">
          <Link to={signInPath}>Sign in</Link> to vote on these statements and see where you sit.
        </p>
      )}
      <ul className="ground-statements">
        {shown.map((s) => (
          <StatementItem
            key={s.id}
            statement={s}
            myVote={myVotes[s.id]}
            split={splits[s.id]}
            signInPath={signInPath}
            onVote={(vote) => onVote(s.id, vote)}
            onWithdraw={onWithdraw && (() => onWithdraw(s.id))}
          />
        ))}
      </ul>
      {statements.length > FIRST_SHOWN && (
        <button type="button" className="button button--quiet button--small" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer statements' : `Show all ${statements.length} statements`}
        </button>
      )}
    </>
  );
}
