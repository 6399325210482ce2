/**
 * The store method the front page and the article list count comments with (issue 14): how many
 * comments of each article a reader can see. Both adapters implement it from an index on
 * (article, status), so a count reads index entries, not comments; the contract is in
 * contract-comment-counts.ts.
 */

export interface CommentCountStore {
  /**
   * For each of `articleIds` (at most a few hundred), the number of its comments whose status is
   * `visible`: removed, held and deleted comments do not count, replies do. Every id asked about is
   * in the answer, 0 for an article without such comments or with no such article. Reads only.
   */
  countVisibleComments(articleIds: readonly string[]): Promise<Map<string, number>>;
}
