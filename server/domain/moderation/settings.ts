/** Moderators change an article's discussion settings; each change is audited and announced. */
import type { ArticleSettings } from '../../../shared/types.js';
import type { ArticleRecord } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';

export const settingsOf = (a: ArticleRecord): ArticleSettings => ({
  premod: a.premod,
  commentsOpen: a.commentsOpen,
  slowModeSeconds: a.slowModeSeconds,
  bannedWords: a.bannedWords,
  suspectWords: a.suspectWords,
  reportThreshold: a.reportThreshold,
});

export async function updateArticleSettings(
  deps: Deps,
  actor: Actor | null,
  articleId: string,
  patch: Partial<ArticleSettings>,
): Promise<ArticleSettings> {
  const moderator = requireRole(actor, 'moderator');
  const before = await deps.store.getArticle(articleId);
  if (!before) throw new AppError('NOT_FOUND', 'No such article.');
  const after = await deps.store.updateArticle(articleId, patch);
  if (!after) throw new AppError('NOT_FOUND', 'No such article.');
  await deps.store.appendAudit({
    articleId,
    commentId: null,
    targetUserId: null,
    actorId: moderator.id,
    actorName: moderator.name,
    action: 'settings',
    reason: null,
    before: { ...settingsOf(before) },
    after: { ...settingsOf(after) },
    at: deps.now().toISOString(),
  });
  await deps.bus.publish('articleSettings', {
    articleId,
    commentsOpen: after.commentsOpen,
    slowModeSeconds: after.slowModeSeconds,
  });
  return settingsOf(after);
}
