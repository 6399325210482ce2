/**
 * The opinion groups of each scope, kept current as votes arrive (issue 16).
 *
 * Each process keeps, for the scopes its own sockets watch (and for a report being read), the vote
 * matrix in memory: one Int8Array, participants × statements, updated in place by every committed
 * vote (the `groundVote` bus topic, which reaches every process). A vote schedules a recomputation
 * after a short debounce; at most one runs per scope, and the votes that arrive meanwhile make one
 * more. The arithmetic (PCA, k-means, consensus) runs in a worker thread (analysis-runner.ts), so
 * the event loop only copies the matrix and maps the result. Every process computes from the same
 * votes with the same deterministic analysis, and sends the result to its own sockets.
 */
import {
  MAX_MAP_POINTS,
  groupLabel,
  scopeKey,
  VOTE_VALUE,
  type GroundAnalysis,
  type GroundScope,
  type PositionSpread,
  type StatementStanding,
} from '../../../shared/common-ground.js';
import type { Bus, BusMessages } from '../../bus/bus.js';
import type { Deps } from '../deps.js';
import type { AnalysisOutput } from './analysis.js';
import type { AnalysisRunner } from './analysis-runner.js';
import { VoteMatrixBuilder } from './vote-matrix-builder.js';

export interface GroupsOptions {
  runner: AnalysisRunner;
  /** Votes within this many ms make one recomputation. */
  debounceMs?: number;
  /** A scope nobody has watched or read for this long is dropped from memory. */
  idleMs?: number;
  /** Whether this process's sockets watch the scope now (realtime/ground-events.ts). */
  isWatched(key: string): boolean;
}

export interface CommonGroundGroups {
  /** The scope's analysis now: loads its votes and computes on first use. */
  analysis(scope: GroundScope): Promise<GroundAnalysis>;
  /** Called with every recomputed analysis of a watched scope. */
  onAnalysis(listener: (analysis: GroundAnalysis) => void): () => void;
  /** Recomputes soon (a statement was approved, a debate's audience voted). */
  touch(scope: GroundScope): void;
  /**
   * Forgets every matrix and reads the watched scopes' votes again (Redis is back: votes taken by
   * other processes meanwhile never reached this one).
   */
  reload(): void;
  close(): Promise<void>;
}

/** Votes read per page while loading a scope: each page is one short read, then the loop breathes. */
const LOAD_PAGE = 5000;
/** A debate's stances are read again at most this often while statement votes flow (an audience vote reads them at once). */
const STANCES_TTL_MS = 5000;

type VoteMessage = BusMessages['groundVote'];

interface ScopeState {
  scope: GroundScope;
  key: string;
  matrix: VoteMatrixBuilder;
  /** Votes that arrived while the stored ones were being read: applied after, in order. */
  early: VoteMessage[] | null;
  loaded: Promise<void>;
  analysis: GroundAnalysis | null;
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<GroundAnalysis> | null;
  dirty: boolean;
  lastUsed: number;
  stances: { at: number; list: Array<{ userId: string; positionId: string }> } | null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function createCommonGroundGroups(deps: Deps, bus: Bus, options: GroupsOptions): CommonGroundGroups {
  const debounceMs = options.debounceMs ?? 400;
  const idleMs = options.idleMs ?? 10 * 60_000;
  const scopes = new Map<string, ScopeState>();
  const listeners = new Set<(analysis: GroundAnalysis) => void>();
  let versionFloor = 0;

  const stopVotes = bus.subscribe('groundVote', (message) => {
    const state = scopes.get(message.scopeKey);
    if (!state) return;
    if (state.early) state.early.push(message);
    else state.matrix.set(message.userId, message.statementId, VOTE_VALUE[message.vote]);
    schedule(state);
  });

  const sweep = setInterval(
    () => {
      for (const [key, state] of scopes)
        if (!options.isWatched(key) && !state.running && Date.now() - state.lastUsed > idleMs) {
          if (state.timer) clearTimeout(state.timer);
          scopes.delete(key);
        }
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  function stateOf(scope: GroundScope): ScopeState {
    const key = scopeKey(scope);
    const existing = scopes.get(key);
    if (existing) {
      existing.lastUsed = Date.now();
      return existing;
    }
    // Subscribed (above) before reading: a vote committed during the read is in `early`.
    const state: ScopeState = {
      scope,
      key,
      matrix: new VoteMatrixBuilder(),
      early: [],
      loaded: Promise.resolve(),
      analysis: null,
      timer: null,
      running: null,
      dirty: false,
      lastUsed: Date.now(),
      stances: null,
    };
    state.loaded = load(state).catch((err: unknown) => {
      scopes.delete(key);
      throw err;
    });
    scopes.set(key, state);
    return state;
  }

  async function load(state: ScopeState): Promise<void> {
    let after: string | null = null;
    do {
      const page = await deps.store.pageGroundVotes(state.scope, after, LOAD_PAGE);
      for (const v of page.votes) state.matrix.set(v.userId, v.statementId, VOTE_VALUE[v.vote]);
      after = page.next;
      if (after) await new Promise((resolve) => setImmediate(resolve));
    } while (after);
    for (const v of state.early ?? []) state.matrix.set(v.userId, v.statementId, VOTE_VALUE[v.vote]);
    state.early = null;
  }

  function schedule(state: ScopeState): void {
    if (!options.isWatched(state.key)) {
      // Nobody here watches: the next read computes afresh.
      state.analysis = null;
      return;
    }
    if (state.running || state.timer) {
      state.dirty = state.dirty || state.running !== null;
      return;
    }
    state.timer = setTimeout(() => {
      state.timer = null;
      compute(state).catch((err: unknown) =>
        deps.log.error({ err, scope: state.key }, 'common ground: recomputation failed'),
      );
    }, debounceMs);
  }

  async function compute(state: ScopeState): Promise<GroundAnalysis> {
    if (state.running) return state.running;
    state.dirty = false;
    state.running = (async () => {
      await state.loaded;
      const statements = await deps.store.listGroundStatements(state.scope, ['approved']);
      const statementIds = statements.map((s) => s.id);
      const matrix = state.matrix.build(statementIds);
      const output = await options.runner.run(matrix);
      const analysis = toAnalysis(state, statementIds, output, await positionsOf(state, output));
      state.analysis = analysis;
      // Every recomputation goes to the scope's watchers, whoever asked for it.
      if (options.isWatched(state.key)) for (const listener of listeners) listener(analysis);
      return analysis;
    })();
    try {
      return await state.running;
    } finally {
      state.running = null;
      if (state.dirty) {
        state.dirty = false;
        schedule(state);
      }
    }
  }

  /** Debates: each position's supporters (latest audience vote) over the groups. */
  async function positionsOf(state: ScopeState, output: AnalysisOutput): Promise<PositionSpread[]> {
    if (state.scope.kind !== 'debate') return [];
    const debate = await deps.store.getDebate(state.scope.id);
    if (!debate) return [];
    if (!state.stances || Date.now() - state.stances.at > STANCES_TTL_MS)
      state.stances = { at: Date.now(), list: await deps.store.listDebateStances(state.scope.id) };
    const spread = new Map<string, PositionSpread>(
      debate.positions.map((p) => [
        p.id,
        { positionId: p.id, name: p.name, groups: output.groups.map(() => 0), unplaced: 0 },
      ]),
    );
    for (const { userId, positionId } of state.stances.list) {
      const entry = spread.get(positionId);
      if (!entry) continue;
      const row = state.matrix.rowOf.get(userId);
      const group = row === undefined ? -1 : output.groupOf[row]!;
      if (group >= 0) entry.groups[group]! += 1;
      else entry.unplaced += 1;
    }
    return [...spread.values()];
  }

  function toAnalysis(
    state: ScopeState,
    statementIds: string[],
    output: AnalysisOutput,
    positions: PositionSpread[],
  ): GroundAnalysis {
    const standing = ({ column, score }: { column: number; score: number }): StatementStanding => ({
      statementId: statementIds[column]!,
      groups: output.groupSplits[column] ?? [],
      score: round(score),
    });
    const points: GroundAnalysis['points'] = [];
    const rows = output.groupOf.length;
    // An even sample of the placed rows: every placed row when there are few enough.
    const stride = Math.max(1, Math.ceil(output.participants / MAX_MAP_POINTS));
    for (let r = 0, placed = 0; r < rows; r++) {
      const group = output.groupOf[r]!;
      if (group < 0) continue;
      if (placed++ % stride === 0) points.push([round(output.coords[2 * r]!), round(output.coords[2 * r + 1]!), group]);
    }
    versionFloor = Math.max(versionFloor + 1, Date.now(), (state.analysis?.version ?? 0) + 1);
    return {
      scopeKey: state.key,
      version: versionFloor,
      computedAt: new Date().toISOString(),
      voters: rows,
      participants: output.participants,
      groups: output.groups.map((g, i) => ({
        label: groupLabel(i),
        size: g.size,
        center: [round(g.center[0]), round(g.center[1])],
      })),
      splits: Object.fromEntries(statementIds.map((id, c) => [id, output.splits[c]!])),
      consensus: output.consensus.map(standing),
      divisive: output.divisive.map(standing),
      points,
      projection: output.projection && {
        statementIds,
        mean: output.projection.mean,
        components: output.projection.components,
      },
      positions,
    };
  }

  return {
    async analysis(scope) {
      const state = stateOf(scope);
      await state.loaded;
      if (state.running) return state.running;
      if (state.analysis && !state.timer) return state.analysis;
      if (state.timer) {
        clearTimeout(state.timer);
        state.timer = null;
      }
      return compute(state);
    },
    onAnalysis(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    touch(scope) {
      const state = scopes.get(scopeKey(scope));
      if (!state) return;
      state.stances = null;
      schedule(state);
    },
    reload() {
      const watched = [...scopes.values()].filter((state) => options.isWatched(state.key)).map((s) => s.scope);
      for (const state of scopes.values()) if (state.timer) clearTimeout(state.timer);
      scopes.clear();
      for (const scope of watched) schedule(stateOf(scope));
    },
    async close() {
      stopVotes();
      clearInterval(sweep);
      for (const state of scopes.values()) if (state.timer) clearTimeout(state.timer);
      scopes.clear();
      listeners.clear();
      await options.runner.close();
    },
  };
}
