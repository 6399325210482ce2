/** Debate requests: open a debate, the host's controls, and the audience's votes, hands, questions and credits. */
import { toQuestionView } from '../../../shared/debate/model.js';
import { loadDebate, roleIn } from '../../domain/debate/access.js';
import {
  askQuestion,
  castDebateVote,
  creditComments,
  setHand,
  setQuestionState,
  upvoteQuestion,
} from '../../domain/debate/audience.js';
import { giveFloor, hostCommand, setupSession } from '../../domain/debate/session.js';
import { postStatement, transcriptOf } from '../../domain/debate/statements.js';
import { setStreamLink } from '../../domain/debate/stream.js';
import { debatesOfArticle, debateView } from '../../domain/debate/view.js';
import type { Deps } from '../../domain/deps.js';
import { AppError } from '../../errors.js';
import type { RequestContext, RequestHandlers } from '../requests.js';
import { debateHostRoom, debateRoom } from '../types.js';

export const debateRequests = (deps: Deps) => {
  const view = async (debateId: string, ctx: RequestContext) => debateView(deps, await ctx.actor(), debateId);
  return {
    'debate:of-article': async ({ articleId }) => debatesOfArticle(deps, articleId),

    'debate:join': async ({ debateId }, ctx) => {
      const { debate } = await loadDebate(deps, debateId);
      const isHost = roleIn(debate, await ctx.actor()).kind === 'host';
      // Join the rooms first, so no update falls between the view and the live stream.
      await ctx.socket.join(isHost ? [debateRoom(debateId), debateHostRoom(debateId)] : debateRoom(debateId));
      return view(debateId, ctx);
    },

    'debate:setup': async ({ debateId, template, plan, preVoteCloses }, ctx) => {
      await setupSession(deps, await ctx.actor(), { debateId, template, plan, preVoteCloses });
      return view(debateId, ctx);
    },

    'debate:command': async ({ debateId, command, seconds }, ctx) => {
      if (command === 'extend' && !seconds)
        throw new AppError('VALIDATION_FAILED', 'Say how many seconds to extend by.');
      await hostCommand(
        deps,
        await ctx.actor(),
        debateId,
        command === 'extend' ? { type: 'extend', seconds: seconds! } : { type: command },
      );
      return view(debateId, ctx);
    },

    'debate:floor': async ({ debateId, userId }, ctx) => {
      await giveFloor(deps, await ctx.actor(), debateId, userId);
      return view(debateId, ctx);
    },

    'debate:stream': async (input, ctx) => {
      await setStreamLink(deps, await ctx.actor(), input);
      return view(input.debateId, ctx);
    },

    'debate:vote': async (input, ctx) => castDebateVote(deps, await ctx.actor(), input),
    'debate:hand': async (input, ctx) => {
      await setHand(deps, await ctx.actor(), input);
      return null;
    },
    'debate:ask': async (input, ctx) => toQuestionView(await askQuestion(deps, await ctx.actor(), input)),
    'debate:upvote': async ({ questionId }, ctx) => ({
      upvotes: await upvoteQuestion(deps, await ctx.actor(), questionId),
    }),
    'debate:question-state': async (input, ctx) =>
      toQuestionView(await setQuestionState(deps, await ctx.actor(), input)),
    'debate:credit': async (input, ctx) => ({ credited: await creditComments(deps, await ctx.actor(), input) }),
    'debate:say': async (input, ctx) => postStatement(deps, await ctx.actor(), input),
    'debate:transcript': async ({ debateId, sinceSeq }, ctx) => {
      await loadDebate(deps, debateId);
      // The room first, then the read (as debate:join): no paragraph falls between the two.
      await ctx.socket.join(debateRoom(debateId));
      return transcriptOf(deps, debateId, sinceSeq ?? 0);
    },
  } satisfies Partial<RequestHandlers>;
};
