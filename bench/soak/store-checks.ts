/**
 * Every acknowledged write is in the store. The store is read through its own adapter on a second
 * connection to the server's SQLite file (server/store/sqlite), not through the HTTP API: it sees
 * what no HTTP viewer may see (a removed comment's body, who voted what, who reported what, the
 * debate votes), it is the exact committed state rather than a view of it, and the adapter's row
 * mapping keeps this file independent of the table layout.
 */
import type { CommentRecord, Store } from '../../server/store/store.js';
import { brief, difference, verdict, type CheckResult } from './check.js';
import type { Ledger } from './ledger.js';

const CHUNK = 500;

/** The store's records of `ids` (in chunks, for SQLite's parameter limit), by id. */
export async function recordsOf(store: Store, ids: Iterable<string>): Promise<Map<string, CommentRecord>> {
  const all = [...new Set(ids)];
  const records = new Map<string, CommentRecord>();
  for (let i = 0; i < all.length; i += CHUNK)
    for (const r of await store.getComments(all.slice(i, i + CHUNK))) records.set(r.id, r);
  return records;
}

export function checkComments(ledger: Ledger, records: Map<string, CommentRecord>): CheckResult {
  const problems: string[] = [];
  let edits = 0;
  for (const [id, want] of ledger.comments) {
    const got = records.get(id);
    if (!got) {
      problems.push(`${id}: acknowledged but not in the store`);
      continue;
    }
    if (got.authorId !== want.authorId || got.parentId !== want.parentId)
      problems.push(`${id}: author or parent differs (${got.authorId}, ${got.parentId})`);
    if (want.deleted) {
      if (got.status !== 'deleted' || got.body !== '')
        problems.push(`${id}: deleted, but the store has ${got.status} ${brief(got.body)}`);
    } else if (got.body !== want.body) {
      problems.push(`${id}: the store's body and the last acknowledged one ${difference(got.body, want.body)}`);
    }
    if (got.editedAt) edits += 1;
  }
  const deleted = [...ledger.comments.values()].filter((c) => c.deleted).length;
  return verdict(
    'acknowledged comments, replies, edits and deletions are in the store',
    `${ledger.comments.size} comments (${edits} edited, ${deleted} deleted)`,
    problems,
  );
}

export function checkRemovals(ledger: Ledger, records: Map<string, CommentRecord>): CheckResult {
  const problems = [...ledger.removed]
    .filter((id) => records.get(id)?.status !== 'removed')
    .map((id) => `${id}: removed, but the store has ${records.get(id)?.status ?? 'nothing'}`);
  return verdict('acknowledged removals are in the store', `${ledger.removed.size} removals`, problems);
}

export async function checkVotes(
  store: Store,
  ledger: Ledger,
  records: Map<string, CommentRecord>,
): Promise<CheckResult> {
  const problems: string[] = [];
  const byUser = new Map<string, Array<[string, number]>>();
  const tallies = new Map<string, { up: number; down: number }>();
  for (const [key, value] of ledger.votes) {
    const [commentId, userId] = key.split(' ') as [string, string];
    byUser.set(userId, [...(byUser.get(userId) ?? []), [commentId, value]]);
    const t = tallies.get(commentId) ?? { up: 0, down: 0 };
    if (value === 1) t.up += 1;
    if (value === -1) t.down += 1;
    tallies.set(commentId, t);
  }
  for (const [userId, votes] of byUser) {
    const stored = await store.getVotes(
      votes.map(([c]) => c),
      userId,
    );
    for (const [commentId, value] of votes)
      if ((stored.get(commentId) ?? 0) !== value)
        problems.push(`vote of ${userId} on ${commentId}: store ${stored.get(commentId) ?? 0}, acknowledged ${value}`);
  }
  // Only soak users vote, and only on the soak's comments: every tally is known exactly.
  for (const id of ledger.comments.keys()) {
    const want = tallies.get(id) ?? { up: 0, down: 0 };
    const got = records.get(id);
    if (got && (got.upvotes !== want.up || got.downvotes !== want.down))
      problems.push(`tally of ${id}: store +${got.upvotes}/-${got.downvotes}, acknowledged +${want.up}/-${want.down}`);
  }
  return verdict(
    'acknowledged votes, and the tallies they make, are in the store',
    `${ledger.votes.size} (voter, comment) pairs over ${tallies.size} comments`,
    problems,
  );
}

export async function checkReports(store: Store, ledger: Ledger): Promise<CheckResult> {
  const problems: string[] = [];
  const byComment = new Map<string, string[]>();
  for (const key of ledger.reports) {
    const [commentId, userId] = key.split(' ') as [string, string];
    byComment.set(commentId, [...(byComment.get(commentId) ?? []), userId]);
  }
  for (const [commentId, users] of byComment) {
    const stored = new Set((await store.listReports(commentId)).map((r) => r.userId));
    for (const u of users) if (!stored.has(u)) problems.push(`report of ${u} on ${commentId} is not in the store`);
  }
  return verdict('acknowledged reports are in the store', `${ledger.reports.size} reports`, problems);
}

export async function checkDebates(store: Store, ledger: Ledger): Promise<CheckResult> {
  const problems: string[] = [];
  for (const [key, positionId] of ledger.debateVotes) {
    const [debateId, round, userId] = key.split(' ') as [string, 'pre' | 'post', string];
    const stored = await store.getDebateVote(debateId, round, userId);
    if (stored !== positionId) problems.push(`${round} vote of ${userId} in ${debateId}: ${stored}, not ${positionId}`);
  }
  for (const [id, q] of ledger.questions) {
    const stored = await store.getQuestion(id);
    if (!stored || stored.text !== q.text || stored.debateId !== q.debateId)
      problems.push(`question ${id}: store has ${brief(stored?.text ?? null)}`);
    else if (stored.upvotes !== q.upvoters.size)
      problems.push(`question ${id}: ${stored.upvotes} upvotes, ${q.upvoters.size} acknowledged`);
  }
  for (const [debateId, want] of ledger.debateStates) {
    const got = await store.getDebateSession(debateId);
    if (!got || got.version !== want.version || got.state.status !== want.status)
      problems.push(
        `debate ${debateId}: store v${got?.version} ${got?.state.status}, host's last acknowledged v${want.version} ${want.status}`,
      );
  }
  return verdict(
    'acknowledged debate writes (host commands, votes, questions, upvotes) are in the store',
    `${ledger.debateStates.size} debates, ${ledger.debateVotes.size} votes, ${ledger.questions.size} questions`,
    problems,
  );
}
