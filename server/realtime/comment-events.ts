/** Writing events: post, edit and delete comments, and vote. Each is one domain use case. */
import { createCommentRequest, deleteCommentRequest, editCommentRequest, voteRequest } from '../../shared/schemas.js';
import type { Deps } from '../domain/deps.js';
import { castVote, deleteComment, editComment, postComment } from '../domain/discussion.js';
import { currentActor } from './auth.js';
import type { createHandle } from './handle.js';
import type { ParleySocket } from './types.js';

export function registerCommentEvents(deps: Deps, socket: ParleySocket, handle: ReturnType<typeof createHandle>) {
  handle('comment:create', createCommentRequest, async (input) =>
    postComment(deps, await currentActor(deps, socket), input),
  );
  handle('comment:edit', editCommentRequest, async (input) =>
    editComment(deps, await currentActor(deps, socket), input),
  );
  handle('comment:delete', deleteCommentRequest, async (input) =>
    deleteComment(deps, await currentActor(deps, socket), input),
  );
  handle('vote:cast', voteRequest, async (input) => castVote(deps, await currentActor(deps, socket), input));
}
