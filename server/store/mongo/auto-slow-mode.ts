/**
 * Automatic slow mode in MongoDB: the recent comment count and the state's compare-and-set, as the
 * SQLite adapter does them (server/store/sqlite/auto-slow-mode.ts). The fields live on the article
 * (articles.ts); articles stored before them lack them, and `{ field: null }` matches a missing
 * field as well as a null one, so the compare-and-set works on those too.
 */
import type { AutoSlowModeState, AutoSlowModeStore } from '../auto-slow-mode-store.js';
import { toArticle, type ArticleDoc, type ArticleModel } from './articles.js';
import type { CommentModel } from './comments.js';

const orNull = (s: string | null): string | null => (s === null ? null : String(s));

export function autoSlowModeOps(articles: ArticleModel, comments: CommentModel): AutoSlowModeStore {
  return {
    async countCommentsSince(articleId, since, cap) {
      if (!(cap >= 1)) return 0;
      // createdAt is an ISO 8601 string of one length, so string order is time order. The limit
      // stops the count at the cap (index comments_article_created).
      return comments
        .countDocuments({ articleId: String(articleId), createdAt: { $gte: String(since) } })
        .limit(Math.floor(cap));
    },

    async listAutoSlowModeEngaged() {
      // `$type: 'string'` is the partial index's own filter, so the query uses it (articles_autoSlowMode).
      const docs = await articles
        .find({ autoSlowModeSince: { $type: 'string' } }, { _id: 1 })
        .lean<Array<Pick<ArticleDoc, '_id'>>>();
      return docs.map((d) => d._id);
    },

    async moveAutoSlowMode(articleId, from: AutoSlowModeState, to: AutoSlowModeState) {
      const d = await articles
        .findOneAndUpdate(
          {
            _id: String(articleId),
            autoSlowModeSince: orNull(from.autoSlowModeSince),
            autoSlowModeCalmSince: orNull(from.autoSlowModeCalmSince),
          },
          {
            $set: {
              autoSlowModeSince: orNull(to.autoSlowModeSince),
              autoSlowModeCalmSince: orNull(to.autoSlowModeCalmSince),
            },
          },
          { returnDocument: 'after' },
        )
        .lean<ArticleDoc>();
      return d ? toArticle(d) : null;
    },
  };
}
