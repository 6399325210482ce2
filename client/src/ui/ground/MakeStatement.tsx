import { createContext, useContext, useState } from 'react';
import { STATEMENT_LIMITS, type GroundStatement } from '../../../../shared/common-ground.js';
import { groundErrorMessage } from './messages.js';

/**
 * What a comment needs to be made a statement of the article's common ground: given by the article
 * page to the discussion under it, and only to those who manage (null for everyone else).
 */
export interface MakeStatementValue {
  propose(commentId: string): Promise<GroundStatement>;
}

export const MakeStatementContext = createContext<MakeStatementValue | null>(null);

/** A comment short enough to be a statement as written. */
const fits = (body: string) => {
  const length = body.trim().length;
  return length >= STATEMENT_LIMITS.textMin && length <= STATEMENT_LIMITS.textMax && !/[\r\n]/.test(body.trim());
};

/**
 * "Make a statement" under a comment, for moderators and admins: the comment's words become a
 * statement readers vote on. Absent where the page gives no context, and on comments too long (or of
 * more than one line) to be one.
 */
export function MakeStatementButton({ commentId, body }: { commentId: string; body: string }) {
  const value = useContext(MakeStatementContext);
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({
    busy: false,
    message: '',
    error: false,
  });
  if (!value || !fits(body)) return null;
  const make = async () => {
    setState({ busy: true, message: '', error: false });
    try {
      const statement = await value.propose(commentId);
      setState({
        busy: false,
        message: statement.status === 'approved' ? 'Made a statement.' : 'Proposed as a statement.',
        error: false,
      });
    } catch (err) {
      setState({ busy: false, message: groundErrorMessage(err), error: true });
    }
  };
  return (
    <>
      <button
        type="button"
        className="comment__action"
        disabled={state.busy}
        onClick={() => void make()}
        data-testid="make-statement"
      >
        Make a statement
      </button>
      <span className={`ground-make${state.error ? ' ground-make--error' : ''}`} role="status">
        {state.message}
      </span>
    </>
  );
}
