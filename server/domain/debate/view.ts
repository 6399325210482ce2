/** What each viewer sees of a debate: the audience sees results only after the host reveals them. */
import { computeResults, toQuestionView, type DebateView, type DebateResults } from '../../../shared/debate/model.js';
import type { DebateSummary } from '../../../shared/events.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../users.js';
import { loadDebate, roleIn, type LoadedDebate } from './access.js';

async function namesOf(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    const user = await deps.store.getUser(id);
    names.set(id, user?.name ?? 'unknown');
  }
  return names;
}

export async function resultsOf(deps: Deps, loaded: LoadedDebate): Promise<DebateResults> {
  const ids = loaded.debate.positions.map((p) => p.id);
  const [pre, post] = await Promise.all([
    deps.store.countDebateVotes(loaded.debate.id, 'pre'),
    deps.store.countDebateVotes(loaded.debate.id, 'post'),
  ]);
  return computeResults(ids, pre, post);
}

export async function debateView(deps: Deps, actor: Actor | null, debateId: string): Promise<DebateView> {
  const loaded = await loadDebate(deps, debateId);
  const { debate, session } = loaded;
  const role = roleIn(debate, actor);
  const names = await namesOf(deps, [debate.hostId, ...debate.positions.flatMap((p) => p.debaterIds)]);
  const isHost = role.kind === 'host';
  const [hands, questions] = await Promise.all([deps.store.listHands(debate.id), deps.store.listQuestions(debate.id)]);
  const myVotes = actor
    ? {
        pre: await deps.store.getDebateVote(debate.id, 'pre', actor.id),
        post: await deps.store.getDebateVote(debate.id, 'post', actor.id),
      }
    : { pre: null, post: null };
  const tally = isHost
    ? {
        pre: await deps.store.countDebateVotes(debate.id, 'pre'),
        post: await deps.store.countDebateVotes(debate.id, 'post'),
      }
    : null;
  const showResults =
    session.state.resultsRevealed ||
    (isHost && (session.state.status === 'results' || session.state.status === 'closed'));
  return {
    id: debate.id,
    articleId: debate.articleId,
    motion: debate.motion,
    host: { id: debate.hostId, name: names.get(debate.hostId)! },
    positions: debate.positions.map((p) => ({
      id: p.id,
      name: p.name,
      debaters: p.debaterIds.map((id) => ({ id, name: names.get(id)! })),
    })),
    template: session.template,
    plan: session.plan,
    state: session.state,
    version: session.version,
    serverNow: deps.now().toISOString(),
    hands: hands.map((h) => ({ userId: h.userId, name: h.name, raisedAt: h.raisedAt })),
    questions: questions.map(toQuestionView),
    myVotes,
    role,
    tally,
    results: showResults ? await resultsOf(deps, loaded) : null,
  };
}

/**
 * The debates held on an article, oldest first, each with its motion, positions, where its session
 * stands, and (once revealed to everyone) its winner: enough for the article page to tell the
 * current debate from past ones (shared/debate/current.ts) and to list each past one with its result.
 */
export async function debatesOfArticle(deps: Deps, articleId: string): Promise<DebateSummary[]> {
  const summaries: DebateSummary[] = [];
  for (const id of await deps.store.listDebatesOfArticle(articleId)) {
    const [debate, session] = await Promise.all([deps.store.getDebate(id), deps.store.getDebateSession(id)]);
    if (!debate) continue;
    const revealed = session?.state.resultsRevealed ?? false;
    summaries.push({
      id,
      motion: debate.motion,
      status: session?.state.status ?? 'scheduled',
      positions: debate.positions.map((p) => ({ id: p.id, name: p.name })),
      createdAt: debate.createdAt,
      startedAt: session?.state.log[0]?.startedAt ?? null,
      resultsRevealed: revealed,
      winner: session && revealed ? (await resultsOf(deps, { debate, session })).winner : null,
    });
  }
  return summaries;
}
