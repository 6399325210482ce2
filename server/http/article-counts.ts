/**
 * Visible-comment counts for a publisher's list page (GET /api/articles/counts, docs/EMBED.md).
 * A count is what every reader sees: comments whose status is `visible` (removed, held and deleted
 * ones are not counted), from the store's count (server/store/comment-count-store.ts), one query
 * for the whole list.
 */
import type { Deps } from '../domain/deps.js';

export interface ArticleCounter {
  /** Visible comments per slug; slugs Parley does not know count 0. */
  counts(slugs: readonly string[]): Promise<Record<string, number>>;
}

export function createArticleCounter(deps: Pick<Deps, 'store'>): ArticleCounter {
  const { store } = deps;
  return {
    async counts(slugs) {
      const articles = await Promise.all(slugs.map((slug) => store.getArticleBySlug(slug)));
      const counts = await store.countVisibleComments(articles.flatMap((a) => (a ? [a.id] : [])));
      return Object.fromEntries(slugs.map((slug, i) => [slug, counts.get(articles[i]?.id ?? '') ?? 0]));
    },
  };
}
