import { useId } from 'react';
import { commentPlainText } from './comment-markdown.js';
import { useDiscussion } from './context.js';
import { focusComment } from './messages.js';
import { AuthorName } from '../profile/AuthorName.js';

/** Long featured comments are cut here in the strip; the full text is in the thread. */
const EXCERPT_MAX = 280;

/** The start of a comment as read (its Markdown marks dropped), for the strip. */
function excerpt(source: string): string {
  const body = commentPlainText(source);
  return body.length > EXCERPT_MAX ? `${body.slice(0, EXCERPT_MAX).trimEnd()}…` : body;
}

/**
 * "Featured": comments the moderators pinned, above the thread, newest pick first, each with a way
 * to jump to it in the discussion. Only comments this page has loaded can be listed.
 */
export function FeaturedStrip() {
  const { thread } = useDiscussion();
  const headingId = useId();
  const { state } = thread;
  const featured = [...state.comments.values()]
    .filter((c) => c.featured && c.status === 'visible' && c.body !== '')
    .sort((a, b) => b.seq - a.seq);
  if (featured.length === 0) return null;

  const jump = (id: string) => {
    // A featured reply that arrived live may still wait behind "N new replies": show it first.
    const c = state.comments.get(id);
    if (c?.parentId) thread.reveal(c.parentId);
    else if (c && state.pendingTop.includes(id)) thread.reveal(null);
    focusComment(id);
    requestAnimationFrame(() =>
      document.querySelector(`[data-comment-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' }),
    );
  };

  return (
    <section className="featured" aria-labelledby={headingId}>
      <h3 id={headingId} className="featured__heading">
        Featured
      </h3>
      <ul className="featured__list">
        {featured.map((c) => (
          <li key={c.id} className="featured__item">
            <p className="featured__body" dir="auto">
              {excerpt(c.body)}
            </p>
            <p className="featured__meta">
              <AuthorName name={c.authorName} badge={c.authorBadge} />
              <span aria-hidden="true"> · </span>
              <button type="button" className="thread__more" onClick={() => jump(c.id)}>
                Go to comment<span className="visually-hidden"> by {c.authorName}</span>
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
