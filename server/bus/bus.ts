/**
 * The fan-out seam (DESIGN: bus/). Domain code publishes committed changes by topic; transports
 * subscribe. In one process it is an EventEmitter; the Redis bus implements the same interface so
 * nothing else changes when several processes share the work.
 */
import type { GroundScope, GroundVote } from '../../shared/common-ground.js';
import type { StatementView } from '../../shared/debate/statements.js';
import type { GroundStatementRecord } from '../store/ground-store.js';
import type { AuditView, ReportReasonCounts } from '../../shared/moderation.js';
import type { ChangeEntry, Role, Sanction } from '../../shared/types.js';
import type { NotificationNew, NotificationsRead } from '../../shared/notifications.js';
import type { DebateRecord } from '../store/collab-store.js';
import type { CommentRecord } from '../store/store.js';

/** Messages carried by the bus, by topic. Server-side only: records are redacted per viewer on the way out. */
export interface BusMessages {
  /** A committed change of an article's discussion (after the commit, DESIGN rule 1). */
  articleChange: { change: ChangeEntry; comment: CommentRecord };
  /** A comment's tally moved; transports read the current tally when they flush (DESIGN rule 5). */
  voteChanged: { articleId: string; commentId: string };
  /** A comment moderators should look at again (new, reported, acted on), with who handled it. */
  deskUpdate: {
    comment: CommentRecord;
    actorName: string | null;
    action: string | null;
    /** With a new report (issue 15): the comment's reports counted per reason. */
    reasons?: ReportReasonCounts;
  };
  /** A new audit entry, named (issue 15): sent to every open desk through socket.io's adapter. */
  auditEntry: { entry: AuditView };
  /** A sanction was given or lifted: the user's open screens are told. */
  accountNotice: { userId: string; sanction: Sanction };
  /** A user's role changed: open connections join or leave the moderators' rooms. */
  roleChanged: { userId: string; role: Role };
  /** A debate's session (state, plan, clock) changed: transports send clients the fresh state. */
  debateChanged: { debateId: string; part: 'state' };
  /**
   * The audience's part of a debate changed (votes, hands, questions): transports read the fresh
   * part when they flush, like vote tallies (DESIGN rule 5).
   */
  debateAudience: { debateId: string; part: 'hands' | 'questions' | 'votes' };
  /**
   * A paragraph was appended to a debate's statement stream (after the commit): the process that
   * took it sends it to the debate's room through the socket.io adapter, which reaches every process.
   */
  debateStatement: { statement: StatementView };
  /** A debate's host or positions changed: open summary connections re-check their access. */
  debateRoster: { debate: DebateRecord };
  /**
   * Public discussion settings of an article changed (a moderator, or automatic slow mode engaging
   * or lifting): the slow mode in force, and whether it is the automatic one.
   */
  articleSettings: { articleId: string; commentsOpen: boolean; slowModeSeconds: number; slowModeAuto?: boolean };
  /**
   * A user got a notification, or read some (issue 15). The process that wrote it emits to the
   * user's room, and socket.io's adapter takes it to their sockets on every process.
   */
  notificationNew: { userId: string; event: NotificationNew };
  notificationsRead: { userId: string; event: NotificationsRead };
  /**
   * A scope's statements changed (issue 16): one added (decided null) or a proposal decided. The
   * publishing process reads the fresh lists and sends them through socket.io's adapter.
   */
  groundStatements: { scope: GroundScope; decided: GroundStatementRecord | null };
  /**
   * A reader voted on a statement (committed). Delivered in every process: each keeps the vote
   * matrix of the scopes its own sockets watch (domain/common-ground/groups.ts). Never sent to a client.
   */
  groundVote: { scopeKey: string; statementId: string; userId: string; vote: GroundVote };
}

export type BusTopic = keyof BusMessages;

export interface Bus {
  publish<T extends BusTopic>(topic: T, message: BusMessages[T]): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe<T extends BusTopic>(topic: T, handler: (message: BusMessages[T]) => void): () => void;
  close(): Promise<void>;
}

/** Where a subscriber's failure goes: logged, never back to the publisher. */
export type SubscriberFailure = (topic: BusTopic, err: unknown) => void;

/**
 * The in-process bus. Delivery is isolated from the write that published: a subscriber that throws
 * (or rejects) is reported to `onFailure` and the others still run, so a committed change is
 * acknowledged to its sender whatever a subscriber does (a failed acknowledgement would make the
 * client retry and post twice).
 */
export function createLocalBus(onFailure: SubscriberFailure = () => undefined): Bus {
  const handlers = new Map<BusTopic, Set<(message: never) => unknown>>();
  const deliver = (topic: BusTopic, handler: (message: never) => unknown, message: unknown) => {
    try {
      const result = handler(message as never);
      if (result instanceof Promise) result.catch((err: unknown) => onFailure(topic, err));
    } catch (err) {
      onFailure(topic, err);
    }
  };
  return {
    async publish(topic, message) {
      for (const handler of [...(handlers.get(topic) ?? [])]) deliver(topic, handler, message);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      const entry = handler as (message: never) => unknown;
      set.add(entry);
      return () => void handlers.get(topic)?.delete(entry);
    },
    async close() {
      handlers.clear();
    },
  };
}
