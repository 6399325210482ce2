import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DebateView } from '../../../../shared/debate/model.js';
import type { Comment } from '../../../../shared/types.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { useAction } from './useAction.js';
import { positionName } from './words.js';

const MAX_CREDITS = 3;
const CANDIDATES = 20;
const EXCERPT = 160;

const excerpt = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body);

/** The article's top comments someone else wrote, still visible: those a reader can credit. */
function useCandidates(articleId: string, selfId: string): Comment[] | null {
  const [comments, setComments] = useState<Comment[] | null>(null);
  useEffect(() => {
    let current = true;
    request(connectAs(selfId), 'thread:page', { articleId, sort: 'top', limit: CANDIDATES }).then(
      (page) => {
        if (current)
          setComments(page.comments.filter((c) => c.status === 'visible' && c.authorId !== selfId && c.body !== ''));
      },
      () => {
        if (current) setComments([]);
      },
    );
    return () => {
      current = false;
    };
  }, [articleId, selfId]);
  return comments;
}

export interface ChangedMindProps {
  view: DebateView;
  selfId: string;
  onCredit(commentIds: string[]): Promise<number>;
}

/**
 * "Changed my mind": a reader whose vote moved between the rounds credits up to three comments that
 * moved them; the report ranks comments by those credits.
 */
export function ChangedMind(props: ChangedMindProps) {
  const { pre, post } = props.view.myVotes;
  if (!pre || !post || pre === post) return null;
  return <CreditPicker {...props} pre={pre} post={post} />;
}

function CreditPicker({ view, selfId, onCredit, pre, post }: ChangedMindProps & { pre: string; post: string }) {
  const headingId = useId();
  const comments = useCandidates(view.articleId, selfId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const action = useAction();

  const toggle = (id: string, on: boolean) =>
    setChosen((list) => (on ? [...list, id].slice(0, MAX_CREDITS) : list.filter((x) => x !== id)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) return;
    await action.run(async () => setDone(await onCredit(chosen)));
  };

  return (
    <section className="changed-mind" aria-labelledby={headingId}>
      <h3 id={headingId} className="debate-section__heading">
        You changed your mind
      </h3>
      <p>
        You moved from <strong>{positionName(view.positions, pre)}</strong> to{' '}
        <strong>{positionName(view.positions, post)}</strong>. Which comments moved you? Pick up to {MAX_CREDITS}.
      </p>
      {done !== null ? (
        <p role="status">Thank you: {done === 1 ? '1 comment' : `${done} comments`} credited.</p>
      ) : comments === null ? (
        <p className="muted" role="status">
          Loading comments…
        </p>
      ) : comments.length === 0 ? (
        <p className="muted">There are no comments by others to credit yet.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} aria-busy={action.busy}>
          <ul className="changed-mind__list">
            {comments.map((c) => {
              const checked = chosen.includes(c.id);
              return (
                <li key={c.id}>
                  <label className="changed-mind__item">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && chosen.length >= MAX_CREDITS}
                      onChange={(event) => toggle(c.id, event.target.checked)}
                    />
                    <span>
                      <span className="changed-mind__body" dir="auto">
                        {excerpt(c.body)}
                      </span>
                      <span className="changed-mind__meta">
                        <bdi>{c.authorName}</bdi>
                        {c.positionId && <> · {positionName(view.positions, c.positionId)}</>}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <button type="submit" className="button button--small" disabled={action.busy || chosen.length === 0}>
            Credit {chosen.length > 0 ? chosen.length : ''} {chosen.length === 1 ? 'comment' : 'comments'}
          </button>
          <p className="debate-error" role="alert">
            {action.error}
          </p>
        </form>
      )}
    </section>
  );
}
