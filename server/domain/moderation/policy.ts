/**
 * What happens to a new comment before it is stored: refused (banned words, comments closed), held
 * for a moderator (pre-moderation, suspect words) or shown at once.
 */
import { isStaff } from '../../../shared/types.js';
import type { ArticleRecord } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../users.js';
import { findListedWords, hasLink } from './words.js';

export type Admission = { status: 'visible'; holdReason: null } | { status: 'held'; holdReason: string };

export async function admitComment(
  deps: Deps,
  article: ArticleRecord,
  author: Actor,
  body: string,
): Promise<Admission> {
  if (!article.commentsOpen) throw new AppError('COMMENTS_CLOSED');
  const banned = findListedWords(body, article.bannedWords);
  // The word is not named: telling people which word tripped the filter teaches them to dodge it.
  if (banned.length > 0) throw new AppError('COMMENT_REFUSED');
  // Moderators' own comments are never queued for themselves.
  if (isStaff(author.role)) return { status: 'visible', holdReason: null };
  const suspect = findListedWords(body, article.suspectWords);
  if (suspect.length > 0) return { status: 'held', holdReason: `suspect words: ${suspect.join(', ')}` };
  switch (article.premod) {
    case 'all':
      return { status: 'held', holdReason: 'pre-moderation' };
    case 'new-users':
      if ((await deps.store.countApprovedComments(author.id)) === 0)
        return { status: 'held', holdReason: 'first comment of a new user' };
      break;
    case 'links':
      if (hasLink(body)) return { status: 'held', holdReason: 'contains a link' };
      break;
    case 'off':
      break;
  }
  return { status: 'visible', holdReason: null };
}
