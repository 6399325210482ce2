import { createContext, useContext } from 'react';
import type { Comment } from '../../../../shared/types.js';
import type { LiveThread } from '../../realtime/live-thread.js';

/** What every part of an open discussion needs; renewed on each change of the thread. */
export interface DiscussionContextValue {
  thread: LiveThread;
  /** The signed-in reader's id, or null for a guest. */
  selfId: string | null;
  /** The signed-in user is a moderator or an admin: inline moderation buttons, hidden bodies shown. */
  isModerator: boolean;
  slug: string;
  /** The current time, for relative times and the edit window. */
  now: number;
  /** Shows the sub-thread under `commentId` on its own ("Continue this thread"). */
  continueThread(commentId: string): void;
  /** Names of the article's debate positions by id, for the tag on comments that argue one. */
  positions: ReadonlyMap<string, string>;
  /** The position the thread is filtered by (null: all comments). */
  positionFilter: string | null;
}

export const DiscussionContext = createContext<DiscussionContextValue | null>(null);

export function useDiscussion(): DiscussionContextValue {
  const value = useContext(DiscussionContext);
  if (!value) throw new Error('useDiscussion must be used inside <DiscussionContext.Provider>');
  return value;
}

/**
 * Replies indent up to this many levels below a top-level comment; deeper ones are shown on their
 * own through "Continue this thread".
 */
export const MAX_LEVEL = 5;

/**
 * A comment this viewer may not read (deleted, or removed or held and not theirs): only worth a
 * placeholder while replies hang under it. Without replies it is not drawn at all, so an open page
 * never keeps a trace of a comment that was removed or held.
 */
export function isPlaceholder(c: Comment): boolean {
  return c.status !== 'visible' && c.body === '';
}
