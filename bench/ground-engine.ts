/**
 * Common ground through the whole server path (bench/ground.ts runs it after the runner alone):
 * the votes of the planted 10,000 × 100 matrix stored in the SQLite store, then
 * - cold: the engine (server/domain/common-ground/groups.ts) loads them from the store in pages
 *   and computes the first analysis, as the first `ground:watch` of a busy scope does;
 * - live: while the scope is watched, LIVE_VOTES more votes arrive (stored, then published on the
 *   bus, as castStatementVote does) at about 1,000 a second; the engine recomputes as they come
 *   (debounced) and the time from the last vote to the analysis that counts it is measured.
 * The event loop is watched through both (event-loop-watch.ts).
 */
import { performance } from 'node:perf_hooks';
import { VOTE_VALUE, type GroundAnalysis, type GroundVote } from '../shared/common-ground.js';
import { createAnalysisRunner } from '../server/domain/common-ground/analysis-runner.js';
import { UNSEEN, type VoteMatrix } from '../server/domain/common-ground/analysis.js';
import { createCommonGroundGroups } from '../server/domain/common-ground/groups.js';
import { createMemoryDeps } from '../server/domain/testing/memory-deps.js';
import { watchEventLoop, type LoopWatch } from './event-loop-watch.js';

const LIVE_VOTES = 1000;
const LIVE_BATCH = 50;
/** The engine's own default: votes within it make one recomputation. */
export const DEBOUNCE_MS = 400;

const VOTE_OF = new Map<number, GroundVote>(
  Object.entries(VOTE_VALUE).map(([vote, value]) => [value, vote as GroundVote]),
);

export interface EngineMeasure {
  storedVotes: number;
  storeSeconds: number;
  coldMs: number;
  coldLoop: LoopWatch;
  /** From the last live vote to the analysis that counts it (the debounce included). */
  liveMs: number;
  liveLoop: LoopWatch;
  recomputations: number;
}

export async function measureGroundEngine(
  matrix: VoteMatrix,
  progress: (line: string) => void,
): Promise<EngineMeasure> {
  const memory = await createMemoryDeps();
  const { deps } = memory;
  try {
    const scope = { kind: 'article', id: 'bench-article' } as const;
    const at = new Date().toISOString();
    const statementIds: string[] = [];
    for (let c = 0; c < matrix.cols; c++) {
      const statement = await deps.store.addGroundStatement({
        scope,
        text: `Statement ${c}`,
        status: 'approved',
        commentId: null,
        proposedBy: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: at,
      });
      statementIds.push(statement.id);
    }
    const storing = performance.now();
    let storedVotes = 0;
    for (let r = 0; r < matrix.rows; r++) {
      for (let c = 0; c < matrix.cols; c++) {
        const cell = matrix.cells[r * matrix.cols + c]!;
        if (cell === UNSEEN) continue;
        await deps.store.castGroundVote({
          statementId: statementIds[c]!,
          userId: `u${r}`,
          vote: VOTE_OF.get(cell)!,
          at,
        });
        storedVotes++;
      }
      if ((r + 1) % 2000 === 0) progress(`ground engine: stored the votes of ${r + 1} of ${matrix.rows} participants`);
    }
    const storeSeconds = (performance.now() - storing) / 1000;

    const seen: GroundAnalysis[] = [];
    const groups = createCommonGroundGroups(deps, deps.bus, {
      runner: createAnalysisRunner(),
      debounceMs: DEBOUNCE_MS,
      isWatched: () => true,
    });
    groups.onAnalysis((analysis) => seen.push(analysis));
    try {
      let coldMs = 0;
      let first: GroundAnalysis | null = null;
      const coldLoop = await watchEventLoop(async () => {
        const started = performance.now();
        first = await groups.analysis(scope);
        coldMs = performance.now() - started;
      });
      progress(
        `ground engine: cold load of ${storedVotes} votes and first analysis ${coldMs.toFixed(0)} ms, largest event-loop delay ${coldLoop.maxDelayMs.toFixed(1)} ms`,
      );
      const agreeBefore = first!.splits[statementIds[0]!]!.agree;

      // Newcomers agreeing with the first statement: the analysis that counts them all is the one sought.
      let liveMs = 0;
      const before = seen.length;
      const liveLoop = await watchEventLoop(async () => {
        for (let i = 0; i < LIVE_VOTES; i += LIVE_BATCH) {
          for (let j = i; j < i + LIVE_BATCH; j++) {
            const vote = { statementId: statementIds[0]!, userId: `live${j}`, vote: 'agree' as const };
            await deps.store.castGroundVote({ ...vote, at });
            await deps.bus.publish('groundVote', { scopeKey: 'article:bench-article', ...vote });
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const lastVote = performance.now();
        const counted = () => seen.at(-1)?.splits[statementIds[0]!]?.agree === agreeBefore + LIVE_VOTES;
        while (!counted()) await new Promise((resolve) => setTimeout(resolve, 2));
        liveMs = performance.now() - lastVote;
      });
      progress(
        `ground engine: ${LIVE_VOTES} live votes, ${seen.length - before} recomputations, last vote → analysis ${liveMs.toFixed(0)} ms, largest event-loop delay ${liveLoop.maxDelayMs.toFixed(1)} ms`,
      );
      return {
        storedVotes,
        storeSeconds,
        coldMs,
        coldLoop,
        liveMs,
        liveLoop,
        recomputations: seen.length - before,
      };
    } finally {
      await groups.close();
    }
  } finally {
    await memory.close();
  }
}
