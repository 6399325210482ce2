/** Moderators change an article's discussion settings; each change is audited and announced. */
import type { ArticleSettings } from '../../../shared/types.js';
import type { ArticleRecord } from '../../store/store.js';
import { reconsiderAutoSlowMode } from '../auto-slow-mode.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { publicSettingsOf } from '../slow-mode.js';
import { requireRole, type Actor } from '../users.js';
import { announceAudit } from './audit.js';

export const settingsOf = (a: ArticleRecord): ArticleSettings => ({
  premod: a.premod,
  commentsOpen: a.commentsOpen,
  slowModeSeconds: a.slowModeSeconds,
  autoSlowModePerMinute: a.autoSlowModePerMinute,
  autoSlowModeSeconds: a.autoSlowModeSeconds,
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
  const updated = await deps.store.updateArticle(articleId, patch);
  if (!updated) throw new AppError('NOT_FOUND', 'No such article.');
  // A new threshold applies at once: automatic slow mode engages now if the article is already past
  // it, and a threshold of 0 lifts it. Readers learn the outcome from the broadcast below.
  const after = (await reconsiderAutoSlowMode(deps, articleId))?.after ?? updated;
  const entry = await deps.store.appendAudit({
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
  await deps.bus.publish('articleSettings', publicSettingsOf(after));
  await announceAudit(deps, entry);
  return settingsOf(after);
}
