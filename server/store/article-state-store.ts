/**
 * The store method every join calls (server/realtime/article-events.ts): an article's state
 * without its text. Both adapters implement it; the contract is in contract.ts.
 */
import type { ArticleRecord } from './store.js';

/**
 * What a join needs of an article: where its change log stands (`seq`), its comment count and the
 * posting settings a snapshot carries; not the body (kilobytes) nor the word lists.
 */
export type ArticleState = Pick<
  ArticleRecord,
  | 'id'
  | 'slug'
  | 'seq'
  | 'commentCount'
  | 'commentsOpen'
  | 'slowModeSeconds'
  | 'autoSlowModePerMinute'
  | 'autoSlowModeSeconds'
  | 'autoSlowModeSince'
>;

export interface ArticleStateStore {
  /** The article's state, each field as getArticle reads it, or null when there is no such article. */
  getArticleState(id: string): Promise<ArticleState | null>;
}
