import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DebateView, PhasePlan, PreVotePolicy, QuestionView, TemplateName } from '../../../shared/debate/model.js';
import type { HostCommandName } from '../../../shared/debate/machine.js';
import { withMyVote, withPart, withState, withView, type LiveDebate } from './debate-view.js';
import { LiveError } from './requests.js';
import { listen, request } from './requests.js';
import { connectAs } from './socket.js';

/** While a debate has no plan, the audience asks again this often (the host sets it up meanwhile). */
const NO_SESSION_RETRY_MS = 10_000;

export type DebateLoad =
  | { status: 'loading' }
  | { status: 'ready'; live: LiveDebate }
  /** The debate exists but its host has not set up the session plan yet. */
  | { status: 'no-session'; message: string }
  | { status: 'failed'; error: unknown };

export interface DebateActions {
  /** Sets the plan before the start: a template's phases, or `plan` as the host edited it, and the pre-vote policy. */
  setup(input: { template: TemplateName; plan?: PhasePlan[]; preVoteCloses?: PreVotePolicy }): Promise<void>;
  command(command: HostCommandName, seconds?: number): Promise<void>;
  giveFloor(userId: string | null): Promise<void>;
  /** Sets the session's live stream link, or clears it (null); refused links reject with the reason. */
  stream(url: string | null): Promise<void>;
  vote(positionId: string): Promise<void>;
  /** Raises or lowers the viewer's hand; the host may lower anyone's (`userId`). */
  hand(raised: boolean, userId?: string): Promise<void>;
  ask(text: string): Promise<void>;
  upvote(questionId: string): Promise<void>;
  setQuestionState(questionId: string, state: QuestionView['state']): Promise<void>;
  /** Credits comments that changed the viewer's mind; resolves with how many were credited. */
  credit(commentIds: string[]): Promise<number>;
  retry(): void;
}

function isMissingSession(err: unknown): err is LiveError {
  return err instanceof LiveError && err.code === 'DEBATE_NOT_SET_UP';
}

/**
 * Opens debate `debateId` as `selfId` (null: a guest; undefined: not known yet, so wait): joins it
 * with `debate:join`, keeps the view current from debate:state, debate:hands, debate:questions and
 * (for the host) debate:tally, and joins again on every reconnect, so nothing missed while the
 * connection was down stays missing. Every action rejects with the server's refusal.
 */
export function useDebate(debateId: string, selfId: string | null | undefined): [DebateLoad, DebateActions] {
  const [load, setLoad] = useState<DebateLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);
  /** Applies a change to a ready view; other states ignore it. */
  const update = useCallback((change: (live: LiveDebate) => LiveDebate) => {
    setLoad((prev) => (prev.status === 'ready' ? { status: 'ready', live: change(prev.live) } : prev));
  }, []);
  const accept = useCallback((view: DebateView) => {
    setLoad((prev) => ({ status: 'ready', live: withView(prev.status === 'ready' ? prev.live : null, view) }));
  }, []);

  useEffect(() => {
    if (!socket) return;
    let current = true;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const join = () => {
      if (retryTimer) clearTimeout(retryTimer);
      request(socket, 'debate:join', { debateId }).then(
        (view) => {
          if (current) accept(view);
        },
        (err: unknown) => {
          if (!current) return;
          if (isMissingSession(err)) {
            setLoad({ status: 'no-session', message: err.message });
            retryTimer = setTimeout(join, NO_SESSION_RETRY_MS);
          } else {
            setLoad((prev) => (prev.status === 'ready' ? prev : { status: 'failed', error: err }));
          }
        },
      );
    };
    const offs = [
      listen(socket, 'debate:state', (u) => update((live) => withState(live, u))),
      listen(socket, 'debate:hands', (u) =>
        update((live) => (u.debateId === live.view.id ? withPart(live, 'hands', u.hands) : live)),
      ),
      listen(socket, 'debate:questions', (u) =>
        update((live) => (u.debateId === live.view.id ? withPart(live, 'questions', u.questions) : live)),
      ),
      listen(socket, 'debate:tally', (u) =>
        update((live) => (u.debateId === live.view.id ? withPart(live, 'tally', u.tally) : live)),
      ),
    ];
    // Joined again on every connect: a new session lost its rooms, and the view catches up either way.
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      current = false;
      if (retryTimer) clearTimeout(retryTimer);
      for (const off of offs) off();
      socket.off('connect', join);
    };
  }, [socket, debateId, attempt, accept, update]);

  const actions = useMemo<DebateActions>(() => {
    const need = () => {
      if (!socket) throw new LiveError({ code: 'UNAUTHENTICATED', message: 'Sign in to take part in the debate.' });
      return socket;
    };
    return {
      setup: async (input) => accept(await request(need(), 'debate:setup', { debateId, ...input })),
      command: async (command, seconds) =>
        accept(await request(need(), 'debate:command', { debateId, command, ...(seconds ? { seconds } : {}) })),
      giveFloor: async (userId) => accept(await request(need(), 'debate:floor', { debateId, userId })),
      stream: async (url) => accept(await request(need(), 'debate:stream', { debateId, url })),
      vote: async (positionId) => {
        const { round, positionId: chosen } = await request(need(), 'debate:vote', { debateId, positionId });
        update((live) => withMyVote(live, round, chosen));
      },
      hand: async (raised, userId) => {
        await request(need(), 'debate:hand', { debateId, raised, ...(userId ? { userId } : {}) });
      },
      ask: async (text) => {
        await request(need(), 'debate:ask', { debateId, text });
      },
      upvote: async (questionId) => {
        await request(need(), 'debate:upvote', { questionId });
      },
      setQuestionState: async (questionId, state) => {
        await request(need(), 'debate:question-state', { questionId, state });
      },
      credit: async (commentIds) => (await request(need(), 'debate:credit', { debateId, commentIds })).credited,
      retry: () => setAttempt((n) => n + 1),
    };
  }, [socket, debateId, accept, update]);

  return [load, actions];
}
