/**
 * Moderation over the socket: the live desk, actions, sanctions and settings for moderators; reports
 * and sanction acknowledgements for readers. Every handler is one domain use case, which checks the
 * role: a reader, muted or banned user gets FORBIDDEN and the store is untouched.
 */
import {
  auditRequest,
  commentIdRequest,
  articleIdRequest,
  emptyRequest,
  moderateRequest,
  queueRequest,
  reportRequest,
  sanctionIdRequest,
  sanctionRequest,
  settingsRequest,
  userIdRequest,
} from '../../shared/schemas.js';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../domain/errors.js';
import { moderateComment } from '../domain/moderation/actions.js';
import { readAudit, readCommentContext, readQueue, readUserHistory } from '../domain/moderation/desk.js';
import { reportComment } from '../domain/moderation/reports.js';
import { acknowledgeWarning, liftSanction, sanctionUser } from '../domain/moderation/sanctions.js';
import { settingsOf, updateArticleSettings } from '../domain/moderation/settings.js';
import { activeSanctions } from '../domain/moderation/standing.js';
import { requireRole } from '../domain/users.js';
import { currentActor } from './auth.js';
import type { createHandle } from './handle.js';
import { DESK_ROOM, type ParleySocket } from './types.js';

export function registerModerationEvents(deps: Deps, socket: ParleySocket, handle: ReturnType<typeof createHandle>) {
  const actor = () => currentActor(deps, socket);
  const moderatorsOnly = async () => {
    requireRole(await actor(), 'moderator');
  };

  handle('comment:report', reportRequest, async (input) => reportComment(deps, await actor(), input));
  handle('account:standing', emptyRequest, async () => {
    const me = await actor();
    if (!me) throw new AppError('UNAUTHENTICATED');
    return { active: activeSanctions(await deps.store.listSanctions(me.id), deps.now()) };
  });
  handle('account:acknowledge', sanctionIdRequest, async ({ sanctionId }) =>
    acknowledgeWarning(deps, await actor(), sanctionId),
  );

  handle(
    'mod:watch',
    emptyRequest,
    async () => {
      requireRole(await actor(), 'moderator');
      await socket.join(DESK_ROOM);
      return null;
    },
    moderatorsOnly,
  );
  handle('mod:queue', queueRequest, async (input) => readQueue(deps, await actor(), input), moderatorsOnly);
  handle(
    'mod:context',
    commentIdRequest,
    async ({ commentId }) => readCommentContext(deps, await actor(), commentId),
    moderatorsOnly,
  );
  handle('mod:action', moderateRequest, async (input) => moderateComment(deps, await actor(), input), moderatorsOnly);
  handle('mod:audit', auditRequest, async (input) => readAudit(deps, await actor(), input), moderatorsOnly);
  handle('mod:user', userIdRequest, async ({ userId }) => readUserHistory(deps, await actor(), userId), moderatorsOnly);
  handle('mod:sanction', sanctionRequest, async (input) => sanctionUser(deps, await actor(), input), moderatorsOnly);
  handle(
    'mod:lift',
    sanctionIdRequest,
    async ({ sanctionId }) => liftSanction(deps, await actor(), sanctionId),
    moderatorsOnly,
  );
  handle(
    'mod:settings',
    settingsRequest,
    async ({ articleId, settings }) => updateArticleSettings(deps, await actor(), articleId, settings),
    moderatorsOnly,
  );
  handle(
    'mod:article-settings',
    articleIdRequest,
    async ({ articleId }) => {
      requireRole(await actor(), 'moderator');
      const article = await deps.store.getArticle(articleId);
      if (!article) throw new AppError('NOT_FOUND', 'No such article.');
      return settingsOf(article);
    },
    moderatorsOnly,
  );
}
