import { useEffect, useMemo, useState } from 'react';
import type { DebateState, DebateStatus, PhasePlan } from '../../../../shared/debate/model.js';
import { listen, request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { useSession } from '../../state/session.js';

/** Where a debate stands, for the box at the top of its article. */
export interface DebateStage {
  debateId: string;
  status: DebateStatus;
  /** What is happening now, in words ("Opening statements, phase 1 of 6"). */
  stage: string;
  version: number;
}

/** What is happening in the debate now, in a few words. */
export function stageOf(state: DebateState, plan: readonly PhasePlan[]): string {
  switch (state.status) {
    case 'scheduled':
      return 'Not started yet';
    case 'pre-vote':
      return 'Pre-vote open: vote before it begins';
    case 'live': {
      const index = state.phaseIndex ?? -1;
      const phase = plan[index];
      return phase ? `${phase.title}, phase ${index + 1} of ${plan.length}` : 'Under way';
    }
    case 'post-vote':
      return 'Final vote open';
    case 'results':
      return state.resultsRevealed ? 'The results are out' : 'Voting closed: results to come';
    case 'closed':
      return 'The debate is over';
  }
}

/**
 * The stage of debate `debateId` (null: none), kept live: its view is asked on every connect
 * (`debate:join`, which also puts the connection in the debate's room) and each `debate:state`
 * newer than the one held replaces it. Null until known, and for a debate whose host has not set
 * it up yet: the article's list says "upcoming" then.
 */
export function useDebateStage(debateId: string | null): DebateStage | null {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);
  const [stage, setStage] = useState<DebateStage | null>(null);

  useEffect(() => {
    if (!socket || !debateId) return;
    let current = true;
    const take = (state: DebateState, plan: readonly PhasePlan[], version: number) =>
      setStage((held) =>
        held && held.debateId === debateId && held.version > version
          ? held
          : { debateId, status: state.status, stage: stageOf(state, plan), version },
      );
    const ask = () => {
      request(socket, 'debate:join', { debateId }).then(
        (view) => {
          if (current) take(view.state, view.plan, view.version);
        },
        // Not set up yet, or no answer: the box shows the list's status; the next connect asks again.
        () => undefined,
      );
    };
    const stop = listen(socket, 'debate:state', (update) => {
      if (current && update.debateId === debateId) take(update.state, update.plan, update.version);
    });
    socket.on('connect', ask);
    if (socket.connected) ask();
    return () => {
      current = false;
      stop();
      socket.off('connect', ask);
    };
  }, [socket, debateId]);

  return stage && stage.debateId === debateId ? stage : null;
}
