/**
 * Moderation over the socket: the live desk, actions, sanctions and settings for moderators; reports
 * and sanction acknowledgements for readers. Every handler is one domain use case, which checks the
 * role: a reader, muted or banned user gets FORBIDDEN and the store is untouched.
 */
import type { Deps } from '../domain/deps.js';
import { moderateComment } from '../domain/moderation/actions.js';
import { readAudit, readCommentContext, readQueue, readUserHistory } from '../domain/moderation/desk.js';
import { reportComment } from '../domain/moderation/reports.js';
import { acknowledgeWarning, liftSanction, sanctionUser } from '../domain/moderation/sanctions.js';
import { settingsOf, updateArticleSettings } from '../domain/moderation/settings.js';
import { undoAction } from '../domain/moderation/undo.js';
import { activeSanctions } from '../domain/moderation/standing.js';
import { requireRole } from '../domain/users.js';
import { AppError } from '../errors.js';
import type { RequestContext, RequestHandlers } from './requests.js';
import { DESK_ROOM } from './types.js';

/** Runs before the payload is looked at: a reader learns FORBIDDEN, not the payload's shape. */
const guard = async ({ actor }: RequestContext) => {
  requireRole(await actor(), 'moderator');
};

export const moderationRequests = (deps: Deps) =>
  ({
    'comment:report': async (input, ctx) => reportComment(deps, await ctx.actor(), input),
    'account:standing': async (_input, ctx) => {
      const me = await ctx.actor();
      if (!me) throw new AppError('UNAUTHENTICATED');
      return { active: activeSanctions(await deps.store.listSanctions(me.id), deps.now()) };
    },
    'account:acknowledge': async ({ sanctionId }, ctx) => acknowledgeWarning(deps, await ctx.actor(), sanctionId),

    'mod:watch': {
      guard,
      run: async (_input, ctx) => {
        requireRole(await ctx.actor(), 'moderator');
        await ctx.socket.join(DESK_ROOM);
        return null;
      },
    },
    'mod:queue': { guard, run: async (input, ctx) => readQueue(deps, await ctx.actor(), input) },
    'mod:context': { guard, run: async ({ commentId }, ctx) => readCommentContext(deps, await ctx.actor(), commentId) },
    'mod:action': { guard, run: async (input, ctx) => moderateComment(deps, await ctx.actor(), input) },
    'mod:audit': { guard, run: async (input, ctx) => readAudit(deps, await ctx.actor(), input) },
    'mod:undo': { guard, run: async ({ auditId }, ctx) => undoAction(deps, await ctx.actor(), auditId) },
    'mod:user': { guard, run: async ({ userId }, ctx) => readUserHistory(deps, await ctx.actor(), userId) },
    'mod:sanction': { guard, run: async (input, ctx) => sanctionUser(deps, await ctx.actor(), input) },
    'mod:lift': { guard, run: async ({ sanctionId }, ctx) => liftSanction(deps, await ctx.actor(), sanctionId) },
    'mod:settings': {
      guard,
      run: async ({ articleId, settings }, ctx) => updateArticleSettings(deps, await ctx.actor(), articleId, settings),
    },
    'mod:article-settings': {
      guard,
      run: async ({ articleId }, ctx) => {
        requireRole(await ctx.actor(), 'moderator');
        const article = await deps.store.getArticle(articleId);
        if (!article) throw new AppError('NOT_FOUND', 'No such article.');
        return settingsOf(article);
      },
    },
  }) satisfies Partial<RequestHandlers>;
