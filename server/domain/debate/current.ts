/** The debate an article hosts now, for lists of articles (the home page follows it). */
import { currentDebate } from '../../../shared/debate/current.js';
import type { CurrentDebateNote } from '../../../shared/types.js';
import type { Deps } from '../deps.js';

/**
 * The article's current debate (shared/debate/current.ts decides which; null when none is under way
 * or to come), and how many debates it has in all.
 */
export async function currentDebateOf(
  deps: Deps,
  articleId: string,
): Promise<{ currentDebate: CurrentDebateNote | null; debateCount: number }> {
  const standings: Array<CurrentDebateNote & { createdAt: string }> = [];
  for (const id of await deps.store.listDebatesOfArticle(articleId)) {
    const [debate, session] = await Promise.all([deps.store.getDebate(id), deps.store.getDebateSession(id)]);
    if (!debate) continue;
    standings.push({
      id,
      motion: debate.motion,
      status: session?.state.status ?? 'scheduled',
      createdAt: debate.createdAt,
    });
  }
  const current = currentDebate(standings);
  return {
    currentDebate: current ? { id: current.id, motion: current.motion, status: current.status } : null,
    debateCount: standings.length,
  };
}
