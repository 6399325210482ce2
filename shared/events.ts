/**
 * The socket.io protocol, one map for both sides (after socket.io's typed events). CLIENT_REQUESTS
 * pairs every client request with its payload schema and the type of its acknowledged data; from it
 * derive the client's typed calls (ClientToServerEvents), the server's handler table
 * (server/realtime/requests.ts: a missing, misspelt or mistyped handler fails the type check), the
 * list of known events, and the validation. Every client request is acknowledged with an `Ack`.
 * Protocol version travels in the handshake (`auth.protocol`).
 */
import type { WireBatch, WireChange } from './wire.js';
import type { z } from 'zod';
import type { DebateResults, DebateState, DebateView, PhasePlan, QuestionView } from './debate/model.js';
import type { StatementView, Transcript } from './debate/statements.js';
import * as ground from './common-ground.js';
import type { GroundAnalysis, GroundProposal, GroundStatement, GroundView, GroundVote } from './common-ground.js';
import type { PublicError } from './errors.js';
import type { AuditView, ReportReasonCounts } from './moderation.js';
import type { CommentSort } from './ranking.js';
import type { NotificationNew, NotificationsRead } from './notifications.js';
import * as schemas from './schemas.js';
import type {
  ArticleSettings,
  AuditEntry,
  FrontArticleStats,
  ChangeKind,
  Comment,
  ModComment,
  Page,
  PublicUser,
  Report,
  Sanction,
  VoteTally,
  VoteValue,
} from './types.js';

export const PROTOCOL_VERSION = 2;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: PublicError };
export type AckFn<T> = (result: Ack<T>) => void;

/** One page of a thread as the server sorted it. */
export interface ThreadPage {
  /** Top-level comments (or a parent's replies), in the requested order. */
  comments: Comment[];
  /** Replies of those comments that came along (oldest first), so threads open with context. */
  replies: Comment[];
  /** Cursor of the next page, or null at the end. */
  next: string | null;
}

/** What a reader gets on joining an article. */
export interface ArticleSnapshot extends ThreadPage {
  articleId: string;
  /** Every change up to this seq is reflected; apply live changes with a greater seq. */
  seq: number;
  sort: CommentSort;
  /** The viewer's own votes on the comments sent. */
  myVotes: Record<string, VoteValue>;
  /** How many people have the article open now. */
  readers: number;
  totalComments: number;
  /** The slow mode in force now (0: off), whether a moderator set it or it engaged by itself. */
  slowModeSeconds: number;
  /** True when the slow mode in force engaged by itself (automatic slow mode). Always sent by this server. */
  slowModeAuto?: boolean;
  commentsOpen: boolean;
}

/** A committed change, as broadcast live and as replayed by sync (DESIGN rules 2 and 3). */
export interface ArticleChange {
  articleId: string;
  seq: number;
  kind: ChangeKind;
  /** The comment's state now, as this viewer may see it (a removed body is never here). */
  comment: Comment;
}

export type SyncResult =
  | { kind: 'changes'; changes: ArticleChange[]; seq: number }
  /** The log is too far behind: start again from this snapshot. */
  | { kind: 'snapshot'; snapshot: ArticleSnapshot };

export interface VoteResultData {
  commentId: string;
  value: VoteValue;
  tally: VoteTally;
}

export interface QueueItem {
  comment: ModComment;
  article: { id: string; slug: string; title: string };
  /** Reports per reason, when the comment has any (issue 15). */
  reasons?: ReportReasonCounts;
}
export interface UserHistory {
  user: PublicUser | null;
  standing: { total: number; visible: number; held: number; removed: number; deleted: number };
  sanctions: Sanction[];
  active: Sanction[];
  recent: ModComment[];
}
export interface CommentContext {
  comment: ModComment;
  parent: ModComment | null;
  article: { id: string; slug: string; title: string };
  author: UserHistory;
  reports: Report[];
  audit: AuditEntry[];
}

export interface DebateSummary {
  id: string;
  motion: string;
  status: DebateState['status'];
  positions: Array<{ id: string; name: string }>;
  /** When the debate was created: debates of an article are numbered in this order. */
  createdAt: string;
  /** When its first phase started (server clock), null before. */
  startedAt: string | null;
  /** The results are out to everyone. */
  resultsRevealed: boolean;
  /** The winning position's id once the results are revealed; null before, and on a tie. */
  winner: string | null;
}

/** One client request: its payload schema and, as a type only, the data its acknowledgement carries. */
export interface RequestContract<S extends z.ZodType, R> {
  readonly request: S;
  readonly reply?: R;
}
const on = <S extends z.ZodType>(request: S) => ({ replies: <R>(): RequestContract<S, R> => ({ request }) });

export const CLIENT_REQUESTS = {
  'article:join': on(schemas.joinRequest).replies<ArticleSnapshot>(),
  'article:leave': on(schemas.leaveRequest).replies<null>(),
  'thread:page': on(schemas.pageRequest).replies<ThreadPage & { myVotes: Record<string, VoteValue> }>(),
  'article:sync': on(schemas.syncRequest).replies<SyncResult>(),
  'article:tallies': on(schemas.talliesRequest).replies<VoteTally[]>(),
  'comment:create': on(schemas.createCommentRequest).replies<ArticleChange>(),
  'comment:edit': on(schemas.editCommentRequest).replies<ArticleChange>(),
  'comment:delete': on(schemas.deleteCommentRequest).replies<ArticleChange>(),
  'vote:cast': on(schemas.voteRequest).replies<VoteResultData>(),
  'comment:report': on(schemas.reportRequest).replies<{ reportCount: number; held: boolean }>(),
  /** The signed-in user's own sanctions in force (to show a warning or a mute). */
  'account:standing': on(schemas.emptyRequest).replies<{ active: Sanction[] }>(),
  'account:acknowledge': on(schemas.sanctionIdRequest).replies<Sanction>(),
  // Moderators only (FORBIDDEN for everyone else, before the payload is looked at):
  /** Join the live desk: receive mod:update for every comment moderators should see. */
  'mod:watch': on(schemas.emptyRequest).replies<null>(),
  'mod:queue': on(schemas.queueRequest).replies<Page<QueueItem>>(),
  'mod:context': on(schemas.commentIdRequest).replies<CommentContext>(),
  'mod:action': on(schemas.moderateRequest).replies<ModComment>(),
  'mod:audit': on(schemas.auditRequest).replies<Page<AuditView>>(),
  /** Takes back the moderator's own action (within UNDO_WINDOW_MS); answers with the undo's own entry. */
  'mod:undo': on(schemas.undoRequest).replies<AuditView>(),
  'mod:user': on(schemas.userIdRequest).replies<UserHistory>(),
  'mod:sanction': on(schemas.sanctionRequest).replies<{ sanction: Sanction; removed: number }>(),
  'mod:lift': on(schemas.sanctionIdRequest).replies<Sanction>(),
  'mod:settings': on(schemas.settingsRequest).replies<ArticleSettings>(),
  'mod:article-settings': on(schemas.articleIdRequest).replies<ArticleSettings>(),
  // Debates
  'debate:of-article': on(schemas.articleIdRequest).replies<DebateSummary[]>(),
  /** Opens a debate: its view for this viewer, and live updates from then on. */
  'debate:join': on(schemas.debateIdRequest).replies<DebateView>(),
  'debate:setup': on(schemas.debateSetupRequest).replies<DebateView>(),
  'debate:command': on(schemas.debateCommandRequest).replies<DebateView>(),
  'debate:floor': on(schemas.debateFloorRequest).replies<DebateView>(),
  /** Sets or clears (url null) the session's live stream link: host, moderators and admins, before closed. */
  'debate:stream': on(schemas.debateStreamRequest).replies<DebateView>(),
  'debate:vote': on(schemas.debateVoteRequest).replies<{ round: 'pre' | 'post'; positionId: string }>(),
  'debate:hand': on(schemas.debateHandRequest).replies<null>(),
  'debate:ask': on(schemas.debateAskRequest).replies<QuestionView>(),
  'debate:upvote': on(schemas.questionIdRequest).replies<{ upvotes: number }>(),
  'debate:question-state': on(schemas.questionStateRequest).replies<QuestionView>(),
  'debate:credit': on(schemas.debateCreditRequest).replies<{ credited: number }>(),
  /** Posts one paragraph to the statement stream (shared/debate/statements.ts: who may speak). */
  'debate:say': on(schemas.debateSayRequest).replies<StatementView>(),
  /** The transcript after `sinceSeq` (all of it without); joins the debate's room first, like debate:join. */
  'debate:transcript': on(schemas.debateTranscriptRequest).replies<Transcript>(),
  // The front page
  /**
   * Follows these articles on the front page: joins its room (`front:stats` from then on) and
   * answers each existing article's comments, readers and current debate. Adds to the articles the
   * connection follows already.
   */
  'front:watch': on(schemas.frontWatchRequest).replies<Array<Required<FrontArticleStats>>>(),
  /** Stops following the front page. */
  'front:unwatch': on(schemas.emptyRequest).replies<null>(),
  // Common ground (issue 16; shared/common-ground.ts)
  /** Opens a scope's common ground: its statements, groups and the viewer's own votes; live from then on. */
  'ground:watch': on(ground.groundScopeRequest).replies<GroundView>(),
  'ground:unwatch': on(ground.groundScopeRequest).replies<null>(),
  /** One vote per reader per statement; a second vote changes it. */
  'ground:vote': on(ground.groundVoteRequest).replies<{ statementId: string; vote: GroundVote }>(),
  /** Moderators, admins and a debate's host add statements; everyone else's wait as proposals. */
  'ground:propose': on(ground.groundProposeRequest).replies<GroundStatement>(),
  /** Moderators, admins and a debate's host approve or reject a proposal. */
  'ground:decide': on(ground.groundDecideRequest).replies<GroundStatement>(),
};

export type ClientRequestName = keyof typeof CLIENT_REQUESTS;
/** Every event a client may send, for the server's unknown-event guard. */
export const CLIENT_REQUEST_NAMES = Object.keys(CLIENT_REQUESTS) as ClientRequestName[];
export const isClientRequestName = (event: string): event is ClientRequestName =>
  Object.prototype.hasOwnProperty.call(CLIENT_REQUESTS, event);

type SchemaOf<E extends ClientRequestName> = (typeof CLIENT_REQUESTS)[E]['request'];
/** What a client sends for event E. */
export type RequestOf<E extends ClientRequestName> = z.input<SchemaOf<E>>;
/** What the server's handler of E receives, once validated (trimmed, normalised, defaults applied). */
export type ValidRequestOf<E extends ClientRequestName> = z.output<SchemaOf<E>>;
/** The data E's acknowledgement carries when it succeeds. */
export type ReplyOf<E extends ClientRequestName> =
  (typeof CLIENT_REQUESTS)[E] extends RequestContract<z.ZodType, infer R> ? R : never;

/** The client-to-server map socket.io types both ends with, derived from CLIENT_REQUESTS. */
export type ClientToServerEvents = {
  [E in ClientRequestName]: (req: RequestOf<E>, ack: AckFn<ReplyOf<E>>) => void;
};

/** A running debate phase reached its end (`debate:time-up`): which phase, and the end time it had. */
export interface TimeUpNotice {
  debateId: string;
  phaseIndex: number;
  /** The phase's `state.clock.endsAt` that was reached (server clock, ISO 8601). */
  endsAt: string;
}

export interface ServerToClientEvents {
  /** A committed change of an article the socket has joined, in its lean form (shared/wire.ts: decodeChange). */
  'article:change': (change: WireChange) => void;
  /** The changes of one tick of a busy article, in seq order, as one frame (shared/wire.ts: decodeBatch). */
  'article:changes': (batch: WireBatch) => void;
  /** Current tallies of comments whose votes moved, coalesced (DESIGN rule 5). */
  'vote:tallies': (update: { articleId: string; tallies: VoteTally[] }) => void;
  /** How many people have the article open now. */
  'presence:update': (update: { articleId: string; readers: number }) => void;
  /** Something the server refused outside an acknowledgement (unknown event, flood). */
  'server:error': (error: PublicError) => void;
  /** To moderators on the desk: a comment to look at again, and who handled it (null: nobody yet). */
  'mod:update': (update: {
    comment: ModComment;
    actorName: string | null;
    action: string | null;
    /** With a new report (issue 15): the comment's reports counted per reason. */
    reasons?: ReportReasonCounts;
  }) => void;
  /** To moderators on the desk: a new audit entry, named (shared/moderation.ts AuditView). */
  'mod:audited': (entry: AuditView) => void;
  /** To the user concerned: a sanction was given or lifted. */
  'account:sanction': (sanction: Sanction) => void;
  /** A debate's state changed (phase, clock, floor, reveal): draw countdowns against serverNow. */
  'debate:state': (update: {
    debateId: string;
    version: number;
    state: DebateState;
    plan: PhasePlan[];
    serverNow: string;
    results: DebateResults | null;
  }) => void;
  'debate:hands': (update: { debateId: string; hands: DebateView['hands'] }) => void;
  'debate:questions': (update: { debateId: string; questions: QuestionView[] }) => void;
  /** To the host only, coalesced: the live vote counts. */
  'debate:tally': (update: { debateId: string; tally: NonNullable<DebateView['tally']> }) => void;
  /**
   * A running phase reached its end time: once per phase end, from the one process that owns the
   * debate's clock. The phase stays (over time) for the host to decide; a phase planned to
   * auto-advance gets no notice: the server moves it on and `debate:state` says so.
   */
  'debate:time-up': (notice: TimeUpNotice) => void;
  /** A paragraph was posted to the debate's statement stream: apply in `seq` order (a gap: ask debate:transcript). */
  'debate:statement': (statement: StatementView) => void;
  /**
   * The public discussion settings of an open article changed: a moderator changed them, or
   * automatic slow mode engaged or lifted (`slowModeAuto`: the slow mode in force is the automatic one).
   */
  'article:settings': (settings: {
    articleId: string;
    commentsOpen: boolean;
    slowModeSeconds: number;
    slowModeAuto?: boolean;
  }) => void;
  /**
   * The server processes could not reach each other for a while (Redis was away) and can again:
   * changes, tallies or settings made through another process may have been missed. Refresh the
   * article (`article:join`) and sync from the applied seq.
   */
  'article:resync': (notice: { articleId: string }) => void;
  /**
   * To the front page (connections that sent `front:watch`), at most once a second: the articles
   * whose comment count, readers or current debate changed, each with the parts that changed.
   */
  'front:stats': (update: { articles: FrontArticleStats[] }) => void;
  /** To every open tab of the recipient: a new notification and their unread count after it. */
  'notification:new': (event: NotificationNew) => void;
  /** To every open tab of the user: these notifications (ids null: all) were read, and the unread count. */
  'notifications:read': (event: NotificationsRead) => void;
  /** To a scope's watchers: the groups were computed again (debounced; keep the highest `version`). */
  'ground:analysis': (analysis: GroundAnalysis) => void;
  /** To a scope's watchers: its approved statements changed (one added, approved or rejected). */
  'ground:statements': (update: { scopeKey: string; statements: GroundStatement[] }) => void;
  /** To those who manage a scope (moderators, its debate's host): the proposals waiting now. */
  'ground:proposals': (update: { scopeKey: string; proposals: GroundProposal[] }) => void;
  /** To the proposer's tabs: their proposal was approved or rejected. */
  'ground:decided': (statement: GroundStatement) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** What the server keeps per socket. */
export interface SocketData {
  userId: string | null;
  name: string | null;
  /** Articles this socket has joined. */
  articles: string[];
}
