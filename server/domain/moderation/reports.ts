/** Readers report comments; enough reports hold a comment for a moderator automatically. */
import type { ReportReason } from '../../../shared/types.js';
import { StoreConflictError } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../users.js';
import { applyModeration, SYSTEM_ACTOR } from './actions.js';
import { reportReasons } from './desk.js';
import { assertMayWrite } from './standing.js';

export async function reportComment(
  deps: Deps,
  actor: Actor | null,
  input: { commentId: string; reason: ReportReason; note?: string | undefined },
): Promise<{ reportCount: number; held: boolean }> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to report a comment.');
  await assertMayWrite(deps, actor.id);
  const comment = await deps.store.getComment(input.commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  if (comment.authorId === actor.id) throw new AppError('FORBIDDEN', 'You cannot report your own comment.');
  if (comment.status !== 'visible') throw new AppError('COMMENT_NOT_VISIBLE');
  let reportCount: number;
  try {
    reportCount = await deps.store.addReport({
      commentId: comment.id,
      userId: actor.id,
      reason: input.reason,
      note: input.note ?? null,
      at: deps.now().toISOString(),
    });
  } catch (err) {
    if (err instanceof StoreConflictError) throw new AppError('ALREADY_REPORTED');
    throw err;
  }
  const article = await deps.store.getArticle(comment.articleId);
  const current = (await deps.store.getComment(comment.id))!;
  if (article && reportCount >= article.reportThreshold && current.status === 'visible' && !current.approved) {
    try {
      await applyModeration(deps, SYSTEM_ACTOR, {
        commentId: current.id,
        action: 'hold',
        reason: `${reportCount} reports`,
        expectedVersion: current.modVersion,
      });
      // The desk learns why readers reported it (the hold's own update carries no reasons).
      const held = await deps.store.getComment(current.id);
      if (held)
        await deps.bus.publish('deskUpdate', {
          comment: held,
          actorName: null,
          action: 'report',
          reasons: await reportReasons(deps, held.id),
        });
      return { reportCount, held: true };
    } catch (err) {
      // A moderator acted at the same moment: their decision stands.
      if (!(err instanceof AppError && err.code === 'ALREADY_HANDLED')) throw err;
    }
  }
  await deps.bus.publish('deskUpdate', {
    comment: current,
    actorName: null,
    action: 'report',
    reasons: await reportReasons(deps, current.id),
  });
  return { reportCount, held: false };
}
