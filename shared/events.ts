/**
 * The socket.io protocol, typed on both sides (after socket.io's typed-events): a renamed event
 * breaks the build, not production. Every client request is acknowledged with an `Ack`.
 * Protocol version travels in the handshake (`auth.protocol`).
 */
import type { DebateResults, DebateState, DebateView, PhasePlan, QuestionView, TemplateName } from './debate.js';
import type { PublicError } from './errors.js';
import type { CommentSort } from './ranking.js';
import type {
  ArticleSettings,
  AuditEntry,
  ChangeKind,
  Comment,
  ModAction,
  ModComment,
  ModQueue,
  PublicUser,
  Report,
  ReportReason,
  Sanction,
  SanctionKind,
  VoteTally,
  VoteValue,
} from './types.js';

export const PROTOCOL_VERSION = 1;

export type HostCommandName =
  | 'open-pre-vote'
  | 'start'
  | 'pause'
  | 'resume'
  | 'extend'
  | 'next'
  | 'skip'
  | 'back'
  | 'open-post-vote'
  | 'show-results'
  | 'reveal'
  | 'close';

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
  slowModeSeconds: number;
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

export interface JoinRequest {
  slug: string;
  sort?: CommentSort;
  /** Only top-level comments arguing for this debate position. */
  positionId?: string;
}
export interface PageRequest {
  articleId: string;
  parentId?: string | null;
  sort?: CommentSort;
  after?: string;
  limit?: number;
  positionId?: string;
}
export interface SyncRequest {
  articleId: string;
  sinceSeq: number;
  sort?: CommentSort;
  positionId?: string;
}
export interface CreateCommentRequest {
  articleId: string;
  parentId?: string | null;
  body: string;
  /** The debate position the comment argues for. */
  positionId?: string | null;
}
export interface EditCommentRequest {
  commentId: string;
  body: string;
}
export interface DeleteCommentRequest {
  commentId: string;
}
export interface VoteRequest {
  commentId: string;
  value: VoteValue;
}
export interface VoteResultData {
  commentId: string;
  value: VoteValue;
  tally: VoteTally;
}

export interface ModerateRequest {
  commentId: string;
  action: ModAction;
  reason?: string;
  /** The comment's modVersion as the moderator saw it: a stale one gets ALREADY_HANDLED. */
  expectedVersion: number;
}
export interface QueueRequest {
  queue: ModQueue;
  articleId?: string | null;
  after?: string;
  limit?: number;
}
export interface QueueItem {
  comment: ModComment;
  article: { id: string; slug: string; title: string };
}
export interface ReportRequest {
  commentId: string;
  reason: ReportReason;
  note?: string;
}
export interface SanctionRequest {
  userId: string;
  kind: SanctionKind;
  reason: string;
  minutes?: number;
  removeComments?: boolean;
}
export interface SettingsRequest {
  articleId: string;
  settings: Partial<ArticleSettings>;
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
}

export interface ClientToServerEvents {
  'article:join': (req: JoinRequest, ack: AckFn<ArticleSnapshot>) => void;
  'article:leave': (req: { articleId: string }, ack: AckFn<null>) => void;
  'thread:page': (req: PageRequest, ack: AckFn<ThreadPage & { myVotes: Record<string, VoteValue> }>) => void;
  'article:sync': (req: SyncRequest, ack: AckFn<SyncResult>) => void;
  'comment:create': (req: CreateCommentRequest, ack: AckFn<ArticleChange>) => void;
  'comment:edit': (req: EditCommentRequest, ack: AckFn<ArticleChange>) => void;
  'comment:delete': (req: DeleteCommentRequest, ack: AckFn<ArticleChange>) => void;
  'vote:cast': (req: VoteRequest, ack: AckFn<VoteResultData>) => void;
  'comment:report': (req: ReportRequest, ack: AckFn<{ reportCount: number; held: boolean }>) => void;
  /** The signed-in user's own sanctions in force (to show a warning or a mute). */
  'account:standing': (req: Record<string, never>, ack: AckFn<{ active: Sanction[] }>) => void;
  'account:acknowledge': (req: { sanctionId: string }, ack: AckFn<Sanction>) => void;
  // Moderators only (403 FORBIDDEN for everyone else):
  /** Join the live desk: receive mod:update for every comment moderators should see. */
  'mod:watch': (req: Record<string, never>, ack: AckFn<null>) => void;
  'mod:queue': (req: QueueRequest, ack: AckFn<{ items: QueueItem[]; next: string | null }>) => void;
  'mod:context': (req: { commentId: string }, ack: AckFn<CommentContext>) => void;
  'mod:action': (req: ModerateRequest, ack: AckFn<ModComment>) => void;
  'mod:audit': (
    req: { articleId?: string; commentId?: string; userId?: string; after?: string },
    ack: AckFn<{ items: AuditEntry[]; next: string | null }>,
  ) => void;
  'mod:user': (req: { userId: string }, ack: AckFn<UserHistory>) => void;
  'mod:sanction': (req: SanctionRequest, ack: AckFn<{ sanction: Sanction; removed: number }>) => void;
  'mod:lift': (req: { sanctionId: string }, ack: AckFn<Sanction>) => void;
  'mod:settings': (req: SettingsRequest, ack: AckFn<ArticleSettings>) => void;
  'mod:article-settings': (req: { articleId: string }, ack: AckFn<ArticleSettings>) => void;
  // Debates
  'debate:of-article': (req: { articleId: string }, ack: AckFn<DebateSummary[]>) => void;
  /** Opens a debate: its view for this viewer, and live updates from then on. */
  'debate:join': (req: { debateId: string }, ack: AckFn<DebateView>) => void;
  'debate:setup': (
    req: { debateId: string; template: TemplateName; plan?: PhasePlan[] },
    ack: AckFn<DebateView>,
  ) => void;
  'debate:command': (
    req: { debateId: string; command: HostCommandName; seconds?: number },
    ack: AckFn<DebateView>,
  ) => void;
  'debate:floor': (req: { debateId: string; userId: string | null }, ack: AckFn<DebateView>) => void;
  'debate:vote': (
    req: { debateId: string; positionId: string },
    ack: AckFn<{ round: 'pre' | 'post'; positionId: string }>,
  ) => void;
  'debate:hand': (req: { debateId: string; raised: boolean; userId?: string }, ack: AckFn<null>) => void;
  'debate:ask': (req: { debateId: string; text: string }, ack: AckFn<QuestionView>) => void;
  'debate:upvote': (req: { questionId: string }, ack: AckFn<{ upvotes: number }>) => void;
  'debate:question-state': (
    req: { questionId: string; state: QuestionView['state'] },
    ack: AckFn<QuestionView>,
  ) => void;
  'debate:credit': (req: { debateId: string; commentIds: string[] }, ack: AckFn<{ credited: number }>) => void;
}

export interface ServerToClientEvents {
  /** A committed change of an article the socket has joined. */
  'article:change': (change: ArticleChange) => void;
  /** Current tallies of comments whose votes moved, coalesced (DESIGN rule 5). */
  'vote:tallies': (update: { articleId: string; tallies: VoteTally[] }) => void;
  /** How many people have the article open now. */
  'presence:update': (update: { articleId: string; readers: number }) => void;
  /** Something the server refused outside an acknowledgement (unknown event, flood). */
  'server:error': (error: PublicError) => void;
  /** To moderators on the desk: a comment to look at again, and who handled it (null: nobody yet). */
  'mod:update': (update: { comment: ModComment; actorName: string | null; action: string | null }) => void;
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
  /** The public discussion settings of an open article changed. */
  'article:settings': (settings: { articleId: string; commentsOpen: boolean; slowModeSeconds: number }) => void;
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
