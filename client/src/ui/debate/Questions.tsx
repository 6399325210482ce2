import { useId, useState, type FormEvent } from 'react';
import type { DebateView, QuestionView } from '../../../../shared/debate/model.js';
import { LIMITS } from '../../../../shared/schemas.js';
import type { DebateActions } from '../../realtime/useDebate.js';
import { LiveError } from '../../realtime/requests.js';
import { useAction } from './useAction.js';

const { questionMin: QUESTION_MIN, questionMax: QUESTION_MAX } = LIMITS;
const STATE_ORDER: Record<QuestionView['state'], number> = { current: 0, open: 1, answered: 2 };

/** The current question first, then open ones by upvotes (older first on a tie), answered ones last. */
export function rankQuestions(questions: QuestionView[]): QuestionView[] {
  return [...questions].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.upvotes - a.upvotes || (a.createdAt < b.createdAt ? -1 : 1),
  );
}

export interface QuestionsProps {
  view: DebateView;
  signedIn: boolean;
  actions: Pick<DebateActions, 'ask' | 'upvote' | 'setQuestionState'>;
}

/**
 * Audience questions, Slido style: ask, upvote, see them ranked with the one being answered on top.
 * The host picks the next question (the one before it goes back to the list) and marks it answered.
 */
export function Questions({ view, signedIn, actions }: QuestionsProps) {
  const headingId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [upvoted, setUpvoted] = useState<ReadonlySet<string>>(new Set());
  const asking = useAction();
  const acting = useAction();
  const isHost = view.role.kind === 'host';
  const { status } = view.state;
  const canAsk = signedIn && status !== 'results' && status !== 'closed';
  const length = text.trim().length;
  const ranked = rankQuestions(view.questions);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (length < QUESTION_MIN || length > QUESTION_MAX) return;
    if (await asking.run(() => actions.ask(text))) setText('');
  };

  const upvote = (id: string) =>
    void acting.run(async () => {
      try {
        await actions.upvote(id);
      } catch (err) {
        // Upvoted before (another tab, before a reload): the button goes quiet all the same.
        if (!(err instanceof LiveError && err.code === 'CONFLICT')) throw err;
      }
      setUpvoted((prev) => new Set(prev).add(id));
    });

  const pick = (id: string) =>
    void acting.run(async () => {
      for (const q of view.questions)
        if (q.state === 'current' && q.id !== id) await actions.setQuestionState(q.id, 'open');
      await actions.setQuestionState(id, 'current');
    });

  return (
    <section className="debate-questions" aria-labelledby={headingId}>
      <h3 id={headingId} className="debate-section__heading">
        Audience questions
      </h3>
      {canAsk && !isHost && (
        <form className="debate-questions__ask" onSubmit={(event) => void ask(event)} aria-busy={asking.busy}>
          <label htmlFor={inputId}>Ask a question</label>
          <span className="debate-questions__row">
            <input
              id={inputId}
              type="text"
              dir="auto"
              value={text}
              maxLength={QUESTION_MAX}
              onChange={(event) => setText(event.target.value)}
              placeholder="Your question…"
            />
            <button type="submit" className="button button--small" disabled={asking.busy || length < QUESTION_MIN}>
              Ask
            </button>
          </span>
          <span className="debate-error" role="alert">
            {asking.error}
          </span>
        </form>
      )}
      {ranked.length === 0 ? (
        <p className="muted">No questions yet.</p>
      ) : (
        <ol className="debate-questions__list" data-testid="questions">
          {ranked.map((q) => (
            <li
              key={q.id}
              className={`debate-question debate-question--${q.state}`}
              aria-current={q.state === 'current' ? 'true' : undefined}
            >
              {q.state === 'current' && <span className="debate-question__badge">Now answering</span>}
              {q.state === 'answered' && (
                <span className="debate-question__badge debate-question__badge--answered">Answered</span>
              )}
              <p className="debate-question__text" dir="auto">
                {q.text}
              </p>
              <p className="debate-question__meta">
                <bdi>{q.name}</bdi> · <span data-testid="question-upvotes">{q.upvotes}</span>{' '}
                {q.upvotes === 1 ? 'upvote' : 'upvotes'}
                {signedIn && !isHost && q.state !== 'answered' && (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    disabled={acting.busy || upvoted.has(q.id)}
                    onClick={() => upvote(q.id)}
                    aria-label={upvoted.has(q.id) ? `Upvoted: ${q.text}` : `Upvote: ${q.text}`}
                  >
                    {upvoted.has(q.id) ? 'Upvoted' : 'Upvote'}
                  </button>
                )}
                {isHost && q.state === 'open' && (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={acting.busy}
                    onClick={() => pick(q.id)}
                    aria-label={`Pick next: ${q.text}`}
                  >
                    Pick next
                  </button>
                )}
                {isHost && q.state !== 'answered' && (
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    disabled={acting.busy}
                    onClick={() => void acting.run(() => actions.setQuestionState(q.id, 'answered'))}
                    aria-label={`Mark answered: ${q.text}`}
                  >
                    Mark answered
                  </button>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="debate-error" role="alert">
        {acting.error}
      </p>
    </section>
  );
}
