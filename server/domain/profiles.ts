/**
 * Profiles (issue 15): a user's comments as the viewer may see them, their badges and the stances
 * they took in public; and the staff badge a comment carries from its author's standing.
 */
import type { Profile, ProfileBadge, ProfileComment, ProfileStance } from '../../shared/profiles.js';
import { roleBadges } from '../../shared/profiles.js';
import { isStaff, type StaffBadge } from '../../shared/types.js';
import type { ArticleRecord, CommentRecord } from '../store/store.js';
import type { DebateRecord } from '../store/collab-store.js';
import { AppError } from '../errors.js';
import { viewComment } from './comments.js';
import type { Deps } from './deps.js';
import { nameKeyOf, type Actor } from './users.js';

/** Comments per profile page unless asked otherwise. */
export const PROFILE_PAGE = 20;
/** Underlying pages read at most to fill one profile page (a reader's page skips removed comments). */
const MAX_SCANS = 5;
/** Comments read, newest first, to find the stances declared on them. */
const STANCE_SCAN = 500;
/** Debates on rosters read for badges and stances. */
const ROSTER_LIMIT = 50;

/**
 * The badge `author` posts with on `articleId`: moderator or admin everywhere; host on the article of
 * a debate they host; none otherwise. Runs once per new comment, before it is stored.
 */
export async function badgeFor(deps: Deps, author: Actor, articleId: string): Promise<StaffBadge | null> {
  if (author.role === 'moderator' || author.role === 'admin') return author.role;
  for (const debateId of await deps.store.listDebatesOfArticle(articleId)) {
    const debate = await deps.store.getDebate(debateId);
    if (debate?.hostId === author.id) return 'host';
  }
  return null;
}

/** What `viewer` may see of someone's comment on a profile: never deleted, held and removed only for staff. */
function listedFor(c: CommentRecord, viewer: Actor | null): boolean {
  if (c.status === 'visible') return true;
  return (c.status === 'held' || c.status === 'removed') && viewer !== null && isStaff(viewer.role);
}

type ArticleRef = { slug: string; title: string };

function articleCache(deps: Deps) {
  const cache = new Map<string, Promise<ArticleRecord | null>>();
  return (id: string) => {
    let found = cache.get(id);
    if (!found) cache.set(id, (found = deps.store.getArticle(id)));
    return found;
  };
}

/**
 * The profile of the user named `name` (matched as sign-in matches names), as `viewer` may see it.
 * NOT_FOUND when nobody has that name. `after` pages the comments.
 */
export async function readProfile(
  deps: Deps,
  viewer: Actor | null,
  query: { name: string; after?: string | undefined; limit?: number | undefined },
): Promise<Profile> {
  const user = await deps.store.getUserByNameKey(nameKeyOf(query.name));
  if (!user) throw new AppError('NOT_FOUND', 'No user by that name.');
  const limit = query.limit ?? PROFILE_PAGE;
  const articleOf = articleCache(deps);
  const refOf = async (id: string): Promise<ArticleRef> => {
    const a = await articleOf(id);
    return a ? { slug: a.slug, title: a.title } : { slug: '', title: '' };
  };

  const comments: ProfileComment[] = [];
  let after = query.after;
  let next: string | null = null;
  for (let scan = 0; scan < MAX_SCANS && comments.length < limit; scan++) {
    const page = await deps.store.listCommentsByAuthor(user.id, { limit, ...(after ? { after } : {}) });
    for (const c of page.items)
      if (listedFor(c, viewer)) comments.push({ comment: viewComment(c, viewer), article: await refOf(c.articleId) });
    next = page.next;
    if (!next) break;
    after = next;
  }

  const debates = await rosterDebates(deps, user.id);
  const badges: ProfileBadge[] = roleBadges(user.role);
  // Hosting a debate makes one a host on the profile, whatever the global role says.
  if (!badges.includes('host') && debates.some((d) => d.hostId === user.id)) badges.push('host');
  if (debates.some((d) => d.positions.some((p) => p.debaterIds.includes(user.id)))) badges.push('debater');

  return {
    user: { id: user.id, name: user.name, role: user.role, joinedAt: user.createdAt },
    badges,
    stances: await stancesOf(deps, user.id, debates, refOf),
    comments,
    next,
  };
}

async function rosterDebates(deps: Deps, userId: string): Promise<DebateRecord[]> {
  const out: DebateRecord[] = [];
  for (const id of await deps.store.listDebateIdsOfUser(userId, ROSTER_LIMIT)) {
    const d = await deps.store.getDebate(id);
    if (d) out.push(d);
  }
  return out;
}

/**
 * Public stances only: the position a user argued on a roster, and positions declared on their
 * visible comments. Audience votes are secret ballots and are never read here.
 */
async function stancesOf(
  deps: Deps,
  userId: string,
  rosters: DebateRecord[],
  refOf: (articleId: string) => Promise<ArticleRef>,
): Promise<ProfileStance[]> {
  const stances: ProfileStance[] = [];
  for (const d of rosters)
    for (const p of d.positions)
      if (p.debaterIds.includes(userId))
        stances.push({
          debateId: d.id,
          motion: d.motion,
          article: await refOf(d.articleId),
          position: { id: p.id, name: p.name },
          source: 'debater',
          comments: 0,
        });

  // Declared stances: count visible comments per (article, position).
  const declared = new Map<string, { articleId: string; positionId: string; n: number }>();
  let after: string | undefined;
  for (let read = 0; read < STANCE_SCAN;) {
    const page = await deps.store.listCommentsByAuthor(userId, { limit: 100, ...(after ? { after } : {}) });
    read += page.items.length;
    for (const c of page.items) {
      if (c.status !== 'visible' || !c.positionId) continue;
      const key = `${c.articleId}\n${c.positionId}`;
      const seen = declared.get(key) ?? { articleId: c.articleId, positionId: c.positionId, n: 0 };
      seen.n++;
      declared.set(key, seen);
    }
    if (!page.next || page.items.length === 0) break;
    after = page.next;
  }
  const debatesOfArticle = new Map<string, DebateRecord[]>();
  for (const { articleId, positionId, n } of declared.values()) {
    let debates = debatesOfArticle.get(articleId);
    if (!debates) {
      debates = [];
      for (const id of await deps.store.listDebatesOfArticle(articleId)) {
        const d = await deps.store.getDebate(id);
        if (d) debates.push(d);
      }
      debatesOfArticle.set(articleId, debates);
    }
    const debate = debates.find((d) => d.positions.some((p) => p.id === positionId));
    const position = debate?.positions.find((p) => p.id === positionId);
    if (!debate || !position) continue;
    if (stances.some((s) => s.debateId === debate.id && s.position.id === position.id && s.source === 'debater'))
      continue;
    stances.push({
      debateId: debate.id,
      motion: debate.motion,
      article: await refOf(articleId),
      position: { id: position.id, name: position.name },
      source: 'comments',
      comments: n,
    });
  }
  return stances;
}
