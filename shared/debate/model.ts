/**
 * Structured debates (Oxford style, after Intelligence Squared): the plan of phases, the live state
 * the host drives, and the vote results with the swing. Pure data and arithmetic, shared by the
 * server (which owns the clock, DESIGN rule 6) and the client (which only draws it).
 */
import type { GroundAnalysis, GroundStatement } from '../common-ground.js';
import type { Comment } from '../types.js';

export const DEBATE_STATUSES = ['scheduled', 'pre-vote', 'live', 'post-vote', 'results', 'closed'] as const;
export type DebateStatus = (typeof DEBATE_STATUSES)[number];

export const PHASE_KINDS = ['opening', 'rebuttal', 'questions', 'closing', 'cross-examination', 'free'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface PhasePlan {
  kind: PhaseKind;
  title: string;
  /** The position that holds the floor in this phase, if one does. */
  positionId: string | null;
  durationSeconds: number;
  /**
   * Whether the server moves on to the next phase by itself at `endsAt` (server/realtime/debate/
   * timers.ts). Off (absent) by default: the host decides, and the panel shows overtime at 0:00.
   */
  autoAdvance?: boolean;
}

/**
 * When the pre-vote closes: when the first phase starts (`start`), or when the first phase after
 * the opening statements starts (`after-openings`, as live Oxford debates do), so latecomers can
 * still vote during the openings.
 */
export const PRE_VOTE_POLICIES = ['start', 'after-openings'] as const;
export type PreVotePolicy = (typeof PRE_VOTE_POLICIES)[number];

/** The audience may always vote "undecided" besides the positions. */
export const UNDECIDED = 'undecided';

export interface DebateClock {
  running: boolean;
  /** Server time at which the phase ends, while running. */
  endsAt: string | null;
  /** Time left, while paused (or before start). */
  remainingMs: number;
}

export interface DebateState {
  status: DebateStatus;
  /** Index into the plan while live. */
  phaseIndex: number | null;
  clock: DebateClock;
  /**
   * Who has the floor, given by the host. `until`: when their turn to speak in the statement stream
   * ends (server clock; shared/debate/statements.ts). Absent in states saved before turns existed.
   */
  floor: { userId: string; name: string; until?: string } | null;
  resultsRevealed: boolean;
  /**
   * The pre-vote policy, chosen before the start. Kept in the state (not beside it) because the
   * machine decides from it which round is open; absent in sessions made before it existed: `start`.
   */
  preVoteCloses?: PreVotePolicy;
  /**
   * The live video or audio link the host attached (shared/debate/stream-link.ts parses it; the
   * panel shows it above the floor). In the state, so the audience gets it with debate:join and
   * every debate:state, and so it needs no migration; absent or null: none.
   */
  streamUrl?: string | null;
  /** When each phase actually started and ended, for the report. */
  log: Array<{
    phaseIndex: number;
    startedAt: string;
    endedAt: string | null;
    extendedBySeconds: number;
    /** Ended by Skip (the audience sees "skipped"), not by Next, Back or the clock. */
    skipped: boolean;
    /** Time that was left when the phase ended: Back returns to the phase with it. */
    remainingMs?: number;
    /** Ended by the server at its end time (auto-advance), not by the host. */
    auto?: boolean;
  }>;
}

export const TEMPLATE_NAMES = ['oxford', 'lincoln-douglas', 'free-form'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The phases of a template for the given positions (in order: for, against, ...). */
export function templatePlan(template: TemplateName, positions: Array<{ id: string; name: string }>): PhasePlan[] {
  const each = (kind: PhaseKind, label: string, seconds: number): PhasePlan[] =>
    positions.map((p) => ({ kind, title: `${label}: ${p.name}`, positionId: p.id, durationSeconds: seconds }));
  switch (template) {
    case 'oxford':
      return [
        ...each('opening', 'Opening statement', 7 * 60),
        ...each('rebuttal', 'Rebuttal', 4 * 60),
        { kind: 'questions', title: 'Audience questions', positionId: null, durationSeconds: 15 * 60 },
        ...each('closing', 'Closing statement', 2 * 60),
      ];
    case 'lincoln-douglas': {
      const [a, b] = positions;
      if (!a || !b) return templatePlan('free-form', positions);
      return [
        { kind: 'opening', title: `Constructive: ${a.name}`, positionId: a.id, durationSeconds: 6 * 60 },
        {
          kind: 'cross-examination',
          title: `Cross-examination of ${a.name}`,
          positionId: b.id,
          durationSeconds: 3 * 60,
        },
        { kind: 'opening', title: `Constructive: ${b.name}`, positionId: b.id, durationSeconds: 7 * 60 },
        {
          kind: 'cross-examination',
          title: `Cross-examination of ${b.name}`,
          positionId: a.id,
          durationSeconds: 3 * 60,
        },
        { kind: 'rebuttal', title: `First rebuttal: ${a.name}`, positionId: a.id, durationSeconds: 4 * 60 },
        { kind: 'rebuttal', title: `Rebuttal: ${b.name}`, positionId: b.id, durationSeconds: 6 * 60 },
        { kind: 'closing', title: `Second rebuttal: ${a.name}`, positionId: a.id, durationSeconds: 3 * 60 },
      ];
    }
    case 'free-form':
      return [{ kind: 'free', title: 'Open debate', positionId: null, durationSeconds: 30 * 60 }];
  }
}

export interface VoteCounts {
  /** Votes per position id (and UNDECIDED). */
  counts: Record<string, number>;
  total: number;
}

export interface PositionResult {
  positionId: string;
  pre: number;
  post: number;
  /** Percentages of each round's votes, to one decimal. */
  prePercent: number;
  postPercent: number;
  /** post% - pre%, in percentage points. */
  swing: number;
}

export interface DebateResults {
  positions: PositionResult[];
  preTotal: number;
  postTotal: number;
  /** The position that gained most (Intelligence Squared scoring); null on a tie or with no votes. */
  winner: string | null;
}

const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);

/** Results of both rounds: shares per position (undecided included) and the swing. */
export function computeResults(positionIds: string[], pre: VoteCounts, post: VoteCounts): DebateResults {
  const ids = [...positionIds, UNDECIDED];
  const positions = ids.map((id) => {
    const a = pre.counts[id] ?? 0;
    const b = post.counts[id] ?? 0;
    const prePercent = percent(a, pre.total);
    const postPercent = percent(b, post.total);
    return {
      positionId: id,
      pre: a,
      post: b,
      prePercent,
      postPercent,
      swing: Math.round((postPercent - prePercent) * 10) / 10,
    };
  });
  // Only the positions compete; undecided can gain but cannot win.
  const contenders = positions.filter((p) => p.positionId !== UNDECIDED);
  const best = Math.max(...contenders.map((p) => p.swing));
  const leaders = contenders.filter((p) => p.swing === best);
  const winner = post.total > 0 && pre.total > 0 && leaders.length === 1 ? leaders[0]!.positionId : null;
  return { positions, preTotal: pre.total, postTotal: post.total, winner };
}

export interface DebatePositionView {
  id: string;
  name: string;
  debaters: Array<{ id: string; name: string }>;
}

export interface QuestionView {
  id: string;
  name: string;
  text: string;
  upvotes: number;
  state: 'open' | 'current' | 'answered';
  createdAt: string;
}

/** A stored question as everyone may see it (no user id, nothing else stored). */
export function toQuestionView(q: QuestionView): QuestionView {
  return { id: q.id, name: q.name, text: q.text, upvotes: q.upvotes, state: q.state, createdAt: q.createdAt };
}

/** Everything a client draws of a debate. Results are null until the host reveals them (hosts see a live tally). */
export interface DebateView {
  id: string;
  articleId: string;
  motion: string;
  host: { id: string; name: string };
  positions: DebatePositionView[];
  template: TemplateName;
  plan: PhasePlan[];
  state: DebateState;
  version: number;
  /** The server's clock when this view was made: clients draw countdowns against it. */
  serverNow: string;
  hands: Array<{ userId: string; name: string; raisedAt: string }>;
  questions: QuestionView[];
  /** The viewer's own votes in each round. */
  myVotes: { pre: string | null; post: string | null };
  /** The viewer's part: host, debater of a position, or audience. */
  role: { kind: 'host' } | { kind: 'debater'; positionId: string } | { kind: 'audience' };
  /** Live counts for the host while voting runs. */
  tally: { pre: VoteCounts; post: VoteCounts } | null;
  results: DebateResults | null;
}

/** What GET /api/debates/:id/report answers and the Markdown export is made from (server/domain/debate/report.ts). */
export interface PhaseAsRun {
  title: string;
  plannedSeconds: number;
  actualSeconds: number | null;
  extendedBySeconds: number;
  skipped: boolean;
}

export interface DebateReport {
  debateId: string;
  motion: string;
  article: { slug: string; title: string };
  host: string;
  positions: Array<{
    id: string;
    name: string;
    debaters: string[];
    summary: string;
    mostCredited: Array<{ comment: Comment; credits: number }>;
    mostVoted: Comment[];
  }>;
  phases: PhaseAsRun[];
  /** What was said on the floor, phase by phase in plan order (phases where nobody posted left out). */
  transcript: TranscriptOfPhase[];
  results: DebateResults;
  answeredQuestions: Array<{ name: string; text: string; upvotes: number; answeredAt: string | null }>;
  /**
   * The debate's common ground (issue 16): its statements and the groups as of the report; null
   * when nobody made statements for it.
   */
  commonGround: { statements: GroundStatement[]; analysis: GroundAnalysis | null } | null;
}

/** One phase's statements in the report, in the order they were delivered. */
export interface TranscriptOfPhase {
  phaseIndex: number;
  title: string;
  statements: Array<{
    /** The speaker's name. */
    speaker: string;
    /** The position they spoke for (the host speaks for the phase's position), null for none. */
    positionName: string | null;
    /** How they came to speak: a debater in their phase, a hand given the floor, or the host. */
    via: 'debater' | 'floor' | 'host';
    text: string;
    createdAt: string;
  }>;
}

/** A debate's roster as GET /api/debates/:id answers it: positions with their summary document, and people's names. */
export interface DebateRoster {
  id: string;
  articleId: string;
  motion: string;
  hostId: string;
  positions: Array<{ id: string; name: string; debaterIds: string[]; docName: string }>;
  /** Names of the people on the roster by user id. */
  people: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
