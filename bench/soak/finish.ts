/**
 * After the load: the drain and the checks. Nothing writes any more, so the store is final; the
 * live copies (readers, the audience, the summary's editors) may still be catching up (coalesced
 * tallies, a reconnect's sync, an offline editor's resend), so each check that looks at a live copy
 * is retried until it passes or the drain's cap runs out. The checks are the drain's conditions: a
 * copy that never catches up fails its check, saying how.
 */
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/store.js';
import type { CheckResult } from './check.js';
import type { Soak } from './context.js';
import { watched, type Crowd } from './crowd.js';
import { checkAudience, checkSummary, storedSummary } from './live-checks.js';
import { pause } from './pace.js';
import { PLAN } from './plan.js';
import {
  CONTENT,
  NEW_SESSION_TALLIES,
  TALLIES,
  checkCaughtUp,
  checkCompleteness,
  checkHiddenBodies,
  checkThreads,
} from './reader-checks.js';
import type { SoakServer } from './server.js';
import { checkComments, checkDebates, checkRemovals, checkReports, checkVotes, recordsOf } from './store-checks.js';

const POLL_MS = 250;

/** Runs `check` until it passes or `deadline` (epoch ms) passes; the last result, saying how long it took. */
async function settle(check: () => CheckResult | Promise<CheckResult>, started: number, deadline: number) {
  const never = new AbortController().signal;
  let result = await check();
  while (!result.passed && Date.now() < deadline) {
    await pause(POLL_MS, never);
    result = await check();
  }
  const waited = ((Date.now() - started) / 1000).toFixed(1);
  return {
    ...result,
    detail: `${result.detail}; ${result.passed ? 'settled' : 'still failing'} ${waited} s into the drain`,
  };
}

/** Comments the moderators' removed queue holds for the article, every page. */
async function removedIds(store: Store, articleId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.listQueue({ queue: 'removed', articleId, limit: 100, ...(after ? { after } : {}) });
    ids.push(...page.items.map((c) => c.id));
    after = page.next ?? undefined;
  } while (after);
  return ids;
}

export async function drainAndCheck(
  soak: Soak,
  server: SoakServer,
  crowd: Crowd,
): Promise<{ checks: CheckResult[]; totals: Record<string, number> }> {
  const started = Date.now();
  const deadline = started + PLAN.drainCapMs;
  const { ledger } = soak;
  const store = await openSqliteStore(join(server.dataDir, 'parley.db'));
  try {
    const readers = watched(crowd);
    const kept = readers.filter((r) => !r.newSession);
    const renewed = readers.filter((r) => r.newSession);
    const lastSeq = (await store.getArticle(soak.articleId))!.seq;
    const caughtUp = await settle(() => checkCaughtUp(readers, lastSeq), started, deadline);
    const held = readers.flatMap((r) => [...r.thread.state.comments.keys()]);
    const records = await recordsOf(store, [
      ...ledger.comments.keys(),
      ...ledger.removed,
      ...held,
      ...(await removedIds(store, soak.articleId)),
    ]);
    const until = (check: () => CheckResult | Promise<CheckResult>) => settle(check, started, deadline);
    // The live copies catch up side by side: the drain lasts as long as the slowest, not the sum.
    const [complete, keptThreads, renewedContent, renewedTallies, audience, summary] = await Promise.all([
      until(() => checkCompleteness(readers, ledger)),
      // Apart, so that a reader that came back on a new session (LiveThread joined again and
      // synced) and one that kept its session each get a verdict of their own.
      until(() =>
        checkThreads(
          'each steady reader and writer that kept its session holds the store’s bodies, statuses and tallies',
          kept,
          records,
          [...CONTENT, ...TALLIES],
        ),
      ),
      until(() =>
        checkThreads(
          'each steady reader that came back on a new session holds the store’s bodies and statuses',
          renewed,
          records,
          CONTENT,
        ),
      ),
      until(() => checkThreads(NEW_SESSION_TALLIES, renewed, records, TALLIES)),
      until(() => checkAudience(store, ledger, crowd.audience)),
      until(() => checkSummary(store, crowd.docName, crowd.editors)),
    ]);
    const checks = [
      checkComments(ledger, records),
      checkRemovals(ledger, records),
      await checkVotes(store, ledger, records),
      await checkReports(store, ledger),
      await checkDebates(store, ledger),
      caughtUp,
      complete,
      keptThreads,
      renewedContent,
      renewedTallies,
      checkHiddenBodies(readers, ledger, records),
      audience,
      summary,
    ];
    const statuses = [...records.values()].filter((c) => ledger.comments.has(c.id));
    const count = (status: string) => statuses.filter((c) => c.status === status).length;
    const totals = {
      'article seq (changes)': lastSeq,
      'comments and replies written': ledger.comments.size,
      '... visible': count('visible'),
      '... held (reports)': count('held'),
      '... removed': count('removed'),
      '... deleted': count('deleted'),
      'votes (voter, comment)': ledger.votes.size,
      reports: ledger.reports.size,
      debates: ledger.debateStates.size,
      'debate votes': ledger.debateVotes.size,
      questions: ledger.questions.size,
      'summary XML characters': (await storedSummary(store, crowd.docName)).length,
    };
    return { checks, totals };
  } finally {
    await store.close();
  }
}
