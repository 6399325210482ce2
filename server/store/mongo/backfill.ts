/**
 * Fills in fields added after documents were first stored, the counterpart of SQLite's
 * `ALTER TABLE ... ADD COLUMN ... DEFAULT` (server/store/sqlite/migrations.ts, migration 2). Schema
 * defaults only apply to documents mongoose creates, and lean reads apply none, so without this a
 * comment stored earlier would have no ranking keys: a ranked page filters on them (`best < k`),
 * and a field that is missing matches no comparison, so such comments would drop out of every page
 * after the first. Runs at open; once everything is filled in, both steps find nothing to do.
 */
import { rankKeys } from '../../../shared/ranking.js';
import type { ArticleModel } from './articles.js';
import type { CommentDoc, CommentModel } from './comments.js';

/** Updates sent to the server per bulkWrite. */
const BATCH = 500;

type Tally = Pick<CommentDoc, '_id' | 'upvotes' | 'downvotes'>;

/**
 * Gives every comment without ranking keys the keys of its tally, and every article without a
 * comment count the number of its comments (exact, unlike SQLite's default of 0). castVote and
 * createComment set these fields themselves, so each update only applies while the field is still
 * missing and never overwrites what a running store has written meanwhile.
 */
export async function backfill(articles: ArticleModel, comments: CommentModel): Promise<void> {
  // castVote sets score, best and controversy together, so a missing score means all three.
  const stale = comments
    .find({ score: { $exists: false } }, { upvotes: 1, downvotes: 1 })
    .lean<Tally[]>()
    .cursor();
  let batch: Tally[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await comments.bulkWrite(
      batch.map((d) => ({
        updateOne: {
          filter: { _id: d._id, score: { $exists: false } },
          update: { $set: rankKeys(d.upvotes ?? 0, d.downvotes ?? 0) },
        },
      })),
      { ordered: false },
    );
    batch = [];
  };
  for await (const d of stale) {
    batch.push(d);
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  const uncounted = await articles
    .find({ commentCount: { $exists: false } }, { _id: 1 })
    .lean<Array<{ _id: string }>>();
  for (const { _id } of uncounted) {
    const count = await comments.countDocuments({ articleId: _id });
    await articles.updateOne({ _id, commentCount: { $exists: false } }, { $set: { commentCount: count } });
  }
}
