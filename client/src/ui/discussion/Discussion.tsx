import { isStaff } from '../../../../shared/types.js';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ThreadState } from '../../../../shared/thread-state.js';
import { LiveError } from '../../realtime/requests.js';
import { useConnection } from '../../realtime/useConnection.js';
import { useLiveThread } from '../../realtime/useLiveThread.js';
import { useStanding } from '../../realtime/useStanding.js';
import { articlePath, authPath } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { useNow } from '../time.js';
import { CommentList } from './CommentList.js';
import { CommentThread } from './CommentThread.js';
import { Composer } from './Composer.js';
import { DiscussionContext, isPlaceholder, type DiscussionContextValue } from './context.js';
import { DiscussionHeader } from './DiscussionHeader.js';
import { actionErrorMessage, slowModeNote } from './messages.js';
import { NewArrivalsStatus } from './NewArrivalsStatus.js';
import { postingBlock, StandingNotice } from './StandingNotice.js';

/**
 * The comment count to show: the server counts every comment ever posted, so the ones this viewer
 * knows to be hidden from them (removed, held, deleted) are taken off.
 */
function shownTotal(state: ThreadState): number {
  let hidden = 0;
  for (const c of state.comments.values()) if (isPlaceholder(c)) hidden += 1;
  return Math.max(0, state.totalComments - hidden);
}

/** A debate position comments can argue for. */
export interface DebatePositionRef {
  id: string;
  name: string;
}

const NO_POSITIONS: DebatePositionRef[] = [];

/** Refusals that mean the user's standing changed: ask for it again, so the notice shows why. */
const STANDING_CODES = new Set(['MUTED', 'BANNED', 'WARNING_UNACKNOWLEDGED']);

/** One sub-thread on its own, reached through "Continue this thread". */
function FocusedThread({ commentId, onBack }: { commentId: string; onBack(): void }) {
  const backButton = useRef<HTMLButtonElement>(null);
  // Focus moves here when the sub-thread opens, so keyboard and screen reader users land in it.
  useEffect(() => backButton.current?.focus(), [commentId]);
  return (
    <div className="focused-thread">
      <button
        type="button"
        className="button button--quiet button--small focused-thread__back"
        onClick={onBack}
        ref={backButton}
      >
        <span aria-hidden="true">← </span>Back to the full discussion
      </button>
      <ol className="comments" aria-label="Thread">
        <CommentThread id={commentId} level={0} />
      </ol>
    </div>
  );
}

/**
 * The live discussion under an article, over socket.io: comments and replies arrive as they are
 * posted, votes and the reader count move live, and signed-in readers post, reply, edit, delete
 * and vote in place. With the `positions` of the article's current debate, a new comment can argue
 * one of them; `stances` (every position of every debate of the article, labelled) name the stance
 * badge each comment keeps and are what the thread can be filtered by.
 */
export function Discussion({
  slug,
  positions = NO_POSITIONS,
  stances = positions,
}: {
  slug: string;
  positions?: DebatePositionRef[];
  stances?: DebatePositionRef[];
}) {
  const headingId = useId();
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const live = useLiveThread(slug, selfId);
  const standing = useStanding(selfId);
  const isModerator = user !== null && isStaff(user.role);
  const connection = useConnection();
  const now = useNow();
  const [focusId, setFocusId] = useState<string | null>(null);
  // Held in state, not a ref: the thread context hands continueThread to every comment during render.
  const [section, setSection] = useState<HTMLElement | null>(null);
  const { thread, phase, version } = live;
  const positionNames = useMemo(() => new Map(stances.map((p) => [p.id, p.name])), [stances]);
  // A filter by a position no debate of the article has (the list changed) is dropped.
  const { positionId, setPositionId } = live;
  useEffect(() => {
    if (positionId !== null && !positionNames.has(positionId)) setPositionId(null);
  }, [positionId, positionNames, setPositionId]);

  const continueThread = useCallback(
    (commentId: string) => {
      setFocusId(commentId);
      section?.scrollIntoView({ block: 'start' });
    },
    [section],
  );

  const back = () => {
    const from = focusId;
    setFocusId(null);
    requestAnimationFrame(() => {
      const button = from ? document.querySelector<HTMLElement>(`[data-continue-for="${CSS.escape(from)}"]`) : null;
      button?.scrollIntoView({ block: 'center' });
      button?.focus();
    });
  };

  const context = useMemo<DiscussionContextValue | null>(
    () =>
      thread
        ? {
            thread,
            selfId: selfId ?? null,
            isModerator,
            slug,
            now,
            continueThread,
            positions: positionNames,
            positionFilter: live.positionId,
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` renews the value on every change of the thread, so every comment redraws
    [thread, selfId, isModerator, slug, now, continueThread, version, positionNames, live.positionId],
  );

  const loaded = thread !== null && (phase === 'ready' || (phase === 'loading' && thread.state.articleId !== ''));
  const state = thread?.state;
  const closed = loaded && state !== undefined && !state.commentsOpen;

  return (
    <section
      id="discussion"
      className="discussion"
      aria-labelledby={headingId}
      aria-busy={phase === 'loading' || phase === 'waiting'}
      ref={setSection}
    >
      <DiscussionHeader
        headingId={headingId}
        totalComments={loaded && state ? shownTotal(state) : null}
        readers={loaded && state ? state.readers : null}
        sort={live.sort}
        onSort={live.setSort}
        connection={connection}
        positions={stances}
        positionFilter={live.positionId}
        onPositionFilter={live.setPositionId}
      />
      <NewArrivalsStatus state={loaded ? state : undefined} version={version} />

      {closed && (
        <p className="discussion__note discussion__note--closed" role="status">
          Comments are closed. You can still read the discussion.
        </p>
      )}
      {session.status === 'guest' && !closed && (
        <p className="discussion__note">
          <Link to={authPath('sign-in', articlePath(slug))}>Sign in</Link> to join the discussion.
        </p>
      )}
      {user && loaded && !closed && <StandingNotice standing={standing} now={now} />}
      {user && thread && loaded && !closed && focusId === null && (
        <Composer
          className="composer--top"
          label="Write a comment"
          submitLabel="Post comment"
          busyLabel="Posting…"
          placeholder="Share your view…"
          note={(state && slowModeNote(state.slowModeSeconds, state.slowModeAuto)) ?? undefined}
          blockedReason={postingBlock(standing.active, now)}
          positions={positions}
          onSubmit={async (body, positionId) => {
            try {
              await live.post(body, positionId);
            } catch (err) {
              if (err instanceof LiveError && STANDING_CODES.has(err.code)) standing.refresh();
              throw err;
            }
          }}
        />
      )}

      {(phase === 'waiting' || (phase === 'loading' && !loaded)) && (
        <p className="muted" role="status">
          Loading comments…
        </p>
      )}
      {phase === 'failed' && (
        <div className="load-error" role="alert">
          <p>Could not load the discussion. {actionErrorMessage(live.error)}</p>
          <button type="button" className="button button--quiet" onClick={live.retry}>
            Try again
          </button>
        </div>
      )}
      {loaded && context && (
        <DiscussionContext.Provider value={context}>
          {focusId !== null ? <FocusedThread commentId={focusId} onBack={back} /> : <CommentList />}
        </DiscussionContext.Provider>
      )}
    </section>
  );
}
