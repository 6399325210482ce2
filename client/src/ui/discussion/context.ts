import { createContext, useContext } from 'react';
import type { LiveThread } from '../../realtime/live-thread.js';

/** What every part of an open discussion needs; renewed on each change of the thread. */
export interface DiscussionContextValue {
  thread: LiveThread;
  /** The signed-in reader's id, or null for a guest. */
  selfId: string | null;
  slug: string;
  /** The current time, for relative times and the edit window. */
  now: number;
  /** Shows the sub-thread under `commentId` on its own ("Continue this thread"). */
  continueThread(commentId: string): void;
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
