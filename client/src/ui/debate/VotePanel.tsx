import { useId } from 'react';
import { openRound } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { authPath } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { useAction } from './useAction.js';
import { positionName, voteChoices } from './words.js';

export interface VotePanelProps {
  view: DebateView;
  signedIn: boolean;
  onVote(positionId: string): Promise<void>;
}

/**
 * The audience's vote on the motion while a round is open: one choice among the positions and
 * "Undecided", sent as soon as it is picked and changeable until the host closes the round.
 */
export function VotePanel({ view, signedIn, onVote }: VotePanelProps) {
  const name = useId();
  const action = useAction();
  const round = openRound(view.state, view.plan);
  if (!round) return null;
  const mine = view.myVotes[round];
  const question =
    round === 'pre' ? 'Before the debate: where do you stand?' : 'After the debate: where do you stand now?';
  // The pre-vote policy, in words: when this round closes.
  const closes =
    round === 'post'
      ? null
      : view.state.preVoteCloses === 'after-openings'
        ? 'The pre-vote stays open until the opening statements end.'
        : 'The pre-vote closes when the debate starts.';

  if (!signedIn) {
    return (
      <p className="debate-vote debate-vote--guest">
        Voting is open. <Link to={authPath('sign-in', window.location.pathname)}>Sign in</Link> to vote.
        {closes && ` ${closes}`}
      </p>
    );
  }
  return (
    <form className="debate-vote" onSubmit={(event) => event.preventDefault()} aria-busy={action.busy}>
      <fieldset className="debate-vote__fieldset">
        <legend className="debate-vote__legend">{question}</legend>
        {closes && (
          <p className="debate-vote__policy muted" data-testid="pre-vote-policy">
            {closes}
          </p>
        )}
        <div className="debate-vote__choices">
          {voteChoices(view.positions).map((choice) => (
            <label
              key={choice.id}
              className={`debate-vote__choice${mine === choice.id ? ' debate-vote__choice--mine' : ''}`}
            >
              <input
                type="radio"
                name={name}
                value={choice.id}
                checked={mine === choice.id}
                onChange={() => void action.run(() => onVote(choice.id))}
              />
              <bdi>{choice.name}</bdi>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="debate-vote__mine" role="status" data-testid="my-vote">
        {mine ? (
          <>
            Your vote: <strong>{positionName(view.positions, mine)}</strong>. You can change it while voting is open.
          </>
        ) : (
          'You have not voted yet.'
        )}
      </p>
      <p className="debate-error" role="alert">
        {action.error}
      </p>
    </form>
  );
}
