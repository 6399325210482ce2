import { useEffect, useRef, useState } from 'react';
import type { ThreadState } from '../../../../shared/thread-state.js';
import type { Comment } from '../../../../shared/types.js';
import { commentPlainText } from './comment-markdown.js';
import { isPlaceholder } from './context.js';
import { plural } from './messages.js';

/** Arrivals this close together are announced as one ("3 new comments"), not one after another. */
const GATHER_MS = 1000;
/** The words leave the region after this, so a comment removed later does not linger in it. */
const CLEAR_AFTER_MS = 10_000;
/** How much of a lone arrival is read out. */
const EXCERPT_WORDS = 6;

function excerpt(body: string): string {
  const words = commentPlainText(body).split(' ');
  return words.length > EXCERPT_WORDS ? `${words.slice(0, EXCERPT_WORDS).join(' ')}…` : words.join(' ');
}

/** Comments that arrived live and wait behind "N new comments" / "N new replies". */
function waitingIds(state: ThreadState): string[] {
  return [...state.pendingTop, ...[...state.pendingReplies.values()].flat()];
}

/**
 * What to say about `arrivals`: one is named with its author and first words ("New reply from
 * moderator to reader: “Kabul has to act on the…”"), several are counted ("2 new comments and 1
 * new reply"). Comments hidden since they arrived are left out; '' when none is left.
 */
export function arrivalsMessage(arrivals: Comment[], state: ThreadState): string {
  const shown = arrivals.map((c) => state.comments.get(c.id) ?? c).filter((c) => !isPlaceholder(c));
  if (shown.length === 1) {
    const c = shown[0]!;
    const parent = c.parentId ? state.comments.get(c.parentId) : undefined;
    const what = c.parentId
      ? `New reply from ${c.authorName}${parent ? ` to ${parent.authorName}` : ''}`
      : `New comment from ${c.authorName}`;
    return `${what}: “${excerpt(c.body)}”`;
  }
  const replies = shown.filter((c) => c.parentId !== null).length;
  const comments = shown.length - replies;
  const parts = [
    comments > 0 ? plural(comments, 'new comment') : '',
    replies > 0 ? plural(replies, 'new reply', 'new replies') : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

/**
 * The discussion's one polite live region for arrivals: comments and replies from others that
 * arrive live are announced without moving focus, gathered over a second. Every render of the
 * thread (`version`) looks for arrivals not announced yet.
 */
export function NewArrivalsStatus({ state, version }: { state: ThreadState | undefined; version: number }) {
  const [message, setMessage] = useState('');
  const announced = useRef(new Set<string>());
  const gathered = useRef<Comment[]>([]);
  const gatherTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clearTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!state) return;
    for (const id of waitingIds(state)) {
      if (announced.current.has(id)) continue;
      announced.current.add(id);
      const c = state.comments.get(id);
      if (c && !isPlaceholder(c)) gathered.current.push(c);
    }
    if (gathered.current.length === 0 || gatherTimer.current) return;
    gatherTimer.current = setTimeout(() => {
      gatherTimer.current = null;
      const next = arrivalsMessage(gathered.current, state);
      gathered.current = [];
      if (!next) return;
      // The same words again would not be read out again: a no-break space makes them new.
      setMessage((previous) => (previous === next ? `${next}\u00a0` : next));
      if (clearTimer.current) clearTimeout(clearTimer.current);
      clearTimer.current = setTimeout(() => setMessage(''), CLEAR_AFTER_MS);
    }, GATHER_MS);
  }, [state, version]);

  useEffect(
    () => () => {
      if (gatherTimer.current) clearTimeout(gatherTimer.current);
      if (clearTimer.current) clearTimeout(clearTimer.current);
      gatherTimer.current = null;
      clearTimer.current = null;
    },
    [],
  );

  return (
    <p role="status" aria-live="polite" className="visually-hidden" data-testid="new-arrivals">
      {message}
    </p>
  );
}
