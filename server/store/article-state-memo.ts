/**
 * Article states (getArticleState) remembered between reads, for a process that is its store's
 * only writer (alone: no REDIS_URL; parley.ts does not use it otherwise). Every join reads its
 * article's state after joining the room (DESIGN rule 3); with this, a crowd joining an article that
 * does not change costs one store read, not one per reader.
 *
 * Why a remembered state is what the store would answer: every call of a method that may write
 * (any method not in PURE_READS, so a new method counts as a write until it is listed) is counted
 * once when it is made and once when it settles. A state is kept with the count it was read under,
 * only if no count came in during the read, and served only while the count is still that: no write
 * of this process has begun or ended since the read, and no other process writes.
 *
 * A write in flight may have committed before it settles (MongoDB), so a state served meanwhile may
 * be the one from before it, as a store read racing the write could be. Nothing of that write has
 * been broadcast yet (the domain broadcasts after the write settles), and whoever is served the
 * state has joined the article's room already, so the change still reaches them live.
 */
import { LRUCache } from 'lru-cache';
import type { ArticleState, Store } from './store.js';

/** Articles whose state is kept at most. */
const REMEMBERED_ARTICLES = 10_000;

/**
 * The methods that only read, in every adapter: calling them leaves what is remembered alone. Only
 * frequent reads need to be here; any other method just makes the next state read go to the store.
 */
export const PURE_READS: ReadonlySet<keyof Store> = new Set<keyof Store>([
  'ping',
  // Common ground (issue 16): read on every recomputation.
  'getGroundStatement',
  'listGroundStatements',
  'countWaitingProposals',
  'listMyGroundVotes',
  'pageGroundVotes',
  'listDebateStances',
  'getUser',
  'getUserByNameKey',
  'getUserBySso',
  'getArticle',
  'getArticleBySlug',
  'getArticleState',
  'listArticles',
  'getComment',
  'getComments',
  'listComments',
  'listRepliesOfRoots',
  'changesSince',
  'getVotes',
  'countCommentsSince',
  'countVisibleComments',
  'listAutoSlowModeEngaged',
  'listLiveDebateSessions',
  'listDebatesOfArticle',
  'getDebateSession',
]);

type AnyMethod = (...args: unknown[]) => unknown;

/** `store`, remembering article states between reads as described above. */
export function rememberArticleStates(store: Store): Store {
  let writes = 0;
  const counted = () => {
    writes += 1;
  };
  const states = new LRUCache<string, { state: ArticleState; writes: number }>({ max: REMEMBERED_ARTICLES });

  const remembering: Record<string, unknown> = { ...store };
  for (const [name, member] of Object.entries(store)) {
    if (typeof member !== 'function' || PURE_READS.has(name as keyof Store)) continue;
    remembering[name] = (...args: unknown[]) => {
      counted();
      const result = (member as AnyMethod)(...args);
      // Counted again once it settles, however it ends: what it changed is in the store by then.
      if (result instanceof Promise) return result.finally(counted);
      counted();
      return result;
    };
  }

  remembering.getArticleState = async (id: string): Promise<ArticleState | null> => {
    const kept = states.get(id);
    if (kept && kept.writes === writes) return kept.state;
    const before = writes;
    const state = await store.getArticleState(id);
    if (!state) return null;
    // Shared by every join that is served it.
    const frozen = Object.freeze(state);
    if (writes === before) states.set(id, { state: frozen, writes: before });
    return frozen;
  };

  return remembering as unknown as Store;
}
