/** Writing requests: post, edit and delete comments, and vote. Each is one domain use case. */
import type { Deps } from '../domain/deps.js';
import { castVote, deleteComment, editComment, postComment } from '../domain/discussion.js';
import type { RequestHandlers } from './requests.js';

export const commentRequests = (deps: Deps) =>
  ({
    'comment:create': async (input, ctx) => postComment(deps, await ctx.actor(), input),
    'comment:edit': async (input, ctx) => editComment(deps, await ctx.actor(), input),
    'comment:delete': async (input, ctx) => deleteComment(deps, await ctx.actor(), input),
    'vote:cast': async (input, ctx) => castVote(deps, await ctx.actor(), input),
  }) satisfies Partial<RequestHandlers>;
