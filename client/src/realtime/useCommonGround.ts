import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  scopeKey,
  type GroundDecision,
  type GroundScope,
  type GroundStatement,
  type GroundVote,
} from '../../../shared/common-ground.js';
import {
  withAnalysis,
  withDecided,
  withDecision,
  withMyVote,
  withProposals,
  withProposed,
  withStatements,
  withWatched,
  type LiveGround,
} from './ground-view.js';
import { LiveError, listen, request } from './requests.js';
import { connectAs } from './socket.js';

export type GroundLoad =
  { status: 'loading' } | { status: 'ready'; live: LiveGround } | { status: 'failed'; error: unknown };

export interface GroundActions {
  /** Casts or changes the viewer's vote; rejects with the server's refusal. */
  vote(statementId: string, vote: GroundVote): Promise<void>;
  /** A written statement: added at once for those who manage, a waiting proposal for everyone else. */
  propose(text: string): Promise<GroundStatement>;
  /** Makes comment `commentId` a statement of this scope (those who manage). */
  proposeComment(commentId: string): Promise<GroundStatement>;
  decide(statementId: string, decision: GroundDecision): Promise<void>;
  retry(): void;
}

/**
 * Opens the common ground of `scope` as `selfId` (null: a guest; undefined: not known yet, so
 * wait): watches it with `ground:watch`, keeps the view current from ground:analysis,
 * ground:statements, ground:proposals and ground:decided, and watches again on every connect, so
 * nothing missed while the connection was down stays missing. Unwatches when the panel goes.
 */
export function useCommonGround(scope: GroundScope, selfId: string | null | undefined): [GroundLoad, GroundActions] {
  const [load, setLoad] = useState<GroundLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);
  const { kind, id } = scope;
  const key = scopeKey(scope);
  const update = useCallback((change: (live: LiveGround) => LiveGround) => {
    setLoad((prev) => (prev.status === 'ready' ? { status: 'ready', live: change(prev.live) } : prev));
  }, []);

  useEffect(() => {
    if (!socket) return;
    let current = true;
    const watched = { kind, id };
    const watch = () => {
      request(socket, 'ground:watch', { scope: watched }).then(
        (view) => {
          if (current)
            setLoad((prev) => ({
              status: 'ready',
              live: withWatched(prev.status === 'ready' ? prev.live : null, view),
            }));
        },
        (error: unknown) => {
          if (current) setLoad((prev) => (prev.status === 'ready' ? prev : { status: 'failed', error }));
        },
      );
    };
    const offs = [
      listen(socket, 'ground:analysis', (a) => update((live) => withAnalysis(live, a))),
      listen(socket, 'ground:statements', (u) => update((live) => withStatements(live, u))),
      listen(socket, 'ground:proposals', (u) => update((live) => withProposals(live, u))),
      listen(socket, 'ground:decided', (s) => update((live) => withDecided(live, s))),
    ];
    // Watched again on every connect: a new connection has lost its rooms, and the view catches up.
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      current = false;
      for (const off of offs) off();
      socket.off('connect', watch);
      if (socket.connected) void request(socket, 'ground:unwatch', { scope: watched }).catch(() => undefined);
    };
  }, [socket, kind, id, attempt, update]);

  // A new scope or identity starts from nothing known.
  const [shown, setShown] = useState({ key, selfId });
  if (shown.key !== key || shown.selfId !== selfId) {
    setShown({ key, selfId });
    setLoad({ status: 'loading' });
  }

  const actions = useMemo<GroundActions>(() => {
    const need = () => {
      if (!socket || selfId === null)
        throw new LiveError({ code: 'UNAUTHENTICATED', message: 'Sign in to take part in common ground.' });
      return socket;
    };
    const scopeNow = { kind, id };
    const added = (statement: GroundStatement) => {
      update((live) => withProposed(live, statement));
      return statement;
    };
    return {
      vote: async (statementId, vote) => {
        const ack = await request(need(), 'ground:vote', { statementId, vote });
        update((live) => withMyVote(live, ack.statementId, ack.vote));
      },
      propose: async (text) => added(await request(need(), 'ground:propose', { scope: scopeNow, text })),
      proposeComment: async (commentId) =>
        added(await request(need(), 'ground:propose', { scope: scopeNow, commentId })),
      decide: async (statementId, decision) => {
        const decided = await request(need(), 'ground:decide', { statementId, decision });
        update((live) => withDecision(live, decided));
      },
      retry: () => setAttempt((n) => n + 1),
    };
  }, [socket, selfId, kind, id, update]);

  return [load, actions];
}
