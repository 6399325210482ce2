/** Debate events: open a debate, the host's controls, and the audience's votes, hands, questions and credits. */
import type { DebateSummary } from '../../shared/events.js';
import {
  articleIdRequest,
  debateAskRequest,
  debateCommandRequest,
  debateCreditRequest,
  debateFloorRequest,
  debateHandRequest,
  debateIdRequest,
  debateSetupRequest,
  debateVoteRequest,
  questionIdRequest,
  questionStateRequest,
} from '../../shared/schemas.js';
import { loadDebate, roleIn } from '../domain/debate/access.js';
import {
  askQuestion,
  castDebateVote,
  creditComments,
  setHand,
  setQuestionState,
  upvoteQuestion,
} from '../domain/debate/audience.js';
import type { HostCommand } from '../domain/debate/machine.js';
import { giveFloor, hostCommand, setupSession } from '../domain/debate/session.js';
import { debateView } from '../domain/debate/view.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import { currentActor } from './auth.js';
import type { createHandle } from './handle.js';
import { debateHostRoom, debateRoom, type ParleySocket } from './types.js';

export function registerDebateEvents(deps: Deps, socket: ParleySocket, handle: ReturnType<typeof createHandle>) {
  const actor = () => currentActor(deps, socket);
  const view = async (debateId: string) => debateView(deps, await actor(), debateId);

  handle('debate:of-article', articleIdRequest, async ({ articleId }) => {
    const summaries: DebateSummary[] = [];
    for (const id of await deps.store.listDebatesOfArticle(articleId)) {
      const debate = await deps.store.getDebate(id);
      const session = await deps.store.getDebateSession(id);
      if (debate)
        summaries.push({
          id,
          motion: debate.motion,
          status: session?.state.status ?? 'scheduled',
          positions: debate.positions.map((p) => ({ id: p.id, name: p.name })),
        });
    }
    return summaries;
  });

  handle('debate:join', debateIdRequest, async ({ debateId }) => {
    const { debate } = await loadDebate(deps, debateId);
    const me = await actor();
    // Join the rooms first, so no update falls between the view and the live stream.
    await socket.join(
      roleIn(debate, me).kind === 'host' ? [debateRoom(debateId), debateHostRoom(debateId)] : debateRoom(debateId),
    );
    return view(debateId);
  });

  handle('debate:setup', debateSetupRequest, async ({ debateId, template, plan }) => {
    await setupSession(deps, await actor(), { debateId, template, plan });
    return view(debateId);
  });

  handle('debate:command', debateCommandRequest, async ({ debateId, command, seconds }) => {
    if (command === 'extend' && !seconds) throw new AppError('VALIDATION_FAILED', 'Say how many seconds to extend by.');
    const hostCommandInput: HostCommand =
      command === 'extend' ? { type: 'extend', seconds: seconds! } : { type: command };
    await hostCommand(deps, await actor(), debateId, hostCommandInput);
    return view(debateId);
  });

  handle('debate:floor', debateFloorRequest, async ({ debateId, userId }) => {
    await giveFloor(deps, await actor(), debateId, userId);
    return view(debateId);
  });

  handle('debate:vote', debateVoteRequest, async (input) => castDebateVote(deps, await actor(), input));
  handle('debate:hand', debateHandRequest, async (input) => {
    await setHand(deps, await actor(), input);
    return null;
  });
  handle('debate:ask', debateAskRequest, async (input) => {
    const q = await askQuestion(deps, await actor(), input);
    return { id: q.id, name: q.name, text: q.text, upvotes: q.upvotes, state: q.state, createdAt: q.createdAt };
  });
  handle('debate:upvote', questionIdRequest, async ({ questionId }) => ({
    upvotes: await upvoteQuestion(deps, await actor(), questionId),
  }));
  handle('debate:question-state', questionStateRequest, async (input) => {
    const q = await setQuestionState(deps, await actor(), input);
    return { id: q.id, name: q.name, text: q.text, upvotes: q.upvotes, state: q.state, createdAt: q.createdAt };
  });
  handle('debate:credit', debateCreditRequest, async (input) => ({
    credited: await creditComments(deps, await actor(), input),
  }));
}
