/**
 * Payload schemas (zod) shared by server validation and client forms. Every string has a size
 * limit; objects are strict so that unknown or operator-like keys (`$gt`) are refused, not ignored.
 */
import { z } from 'zod';
import { HOST_COMMANDS } from './debate/machine.js';
import { PHASE_KINDS, PRE_VOTE_POLICIES, TEMPLATE_NAMES } from './debate/model.js';
import { isOneParagraph } from './debate/statements.js';
import { COMMENT_SORTS } from './ranking.js';
import { lineText, multilineText } from './text-policy.js';
import { MOD_ACTIONS, MOD_QUEUES, PREMOD_MODES, REPORT_REASONS, ROLES, SANCTION_KINDS } from './types.js';

/**
 * Free text follows the one text policy (shared/text-policy.ts; docs/PROTOCOL.md, "Text fields"):
 * normalised (NFC, LF, trimmed), refusing control characters, lone surrogates and invisible
 * formatting characters such as bidi overrides. `cleanText` is for multi-line fields (comment
 * bodies, notes), `cleanLine` for everything written on one line.
 */
export const cleanText = multilineText;
export const cleanLine = lineText;

const commentSort = z.enum(COMMENT_SORTS);

export const LIMITS = {
  nameMin: 2,
  nameMax: 40,
  passwordMin: 8,
  passwordMax: 200,
  titleMax: 300,
  slugMax: 120,
  articleBodyMax: 200_000,
  positionMax: 80,
  positionsMax: 8,
  motionMax: 500,
  commentMax: 10_000,
  /** Replies may nest this deep (0 is top level); the client indents less and offers "continue this thread". */
  depthMax: 50,
  pageMax: 100,
  /** A moderator's reason, a report's note. */
  reasonMax: 500,
  noteMax: 500,
  /** The longest timed sanction: a year. */
  sanctionMinutesMax: 525_600,
  questionMin: 3,
  questionMax: 300,
  /** One paragraph of a debate statement (shared/debate/statements.ts). */
  statementMax: 3000,
} as const;

/** Display names: letters of any script, digits, space, dot, dash, underscore; no joiners either (names identify people). */
export const userName = cleanLine(LIMITS.nameMin, LIMITS.nameMax).refine(
  (s) => /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u.test(s),
  'may hold letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit',
);

export const password = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

export const registerBody = z.strictObject({ name: userName, password, email: z.email().max(200).optional() });
export const signInBody = z.strictObject({ name: userName, password });
export const refreshBody = z.strictObject({ refreshToken: z.string().min(16).max(200) });
export const ssoBody = z.strictObject({ token: z.string().min(10).max(8_000) });
export const roleBody = z.strictObject({ role: z.enum(ROLES) });

export const slug = z
  .string()
  .min(1)
  .max(LIMITS.slugMax)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');

export const articleCreateBody = z.strictObject({
  slug,
  title: cleanLine(1, LIMITS.titleMax),
  body: z
    .string()
    .max(LIMITS.articleBodyMax)
    .refine((s) => s.isWellFormed(), 'must be well-formed unicode'),
  motion: cleanLine(1, LIMITS.motionMax).nullable().optional(),
  positions: z.array(cleanLine(1, LIMITS.positionMax)).max(LIMITS.positionsMax).optional(),
  publishedAt: z.iso
    .datetime()
    .transform((v) => new Date(v).toISOString())
    .nullable()
    .optional(),
});
export const articleUpdateBody = articleCreateBody
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).optional(),
  after: z.string().max(200).optional(),
});

export const commentPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).optional(),
  /** The `next` cursor of the previous page. */
  after: z.string().min(1).max(200).optional(),
  parentId: z.string().min(1).max(100).optional(),
  sort: commentSort.optional(),
});

export type RegisterBody = z.infer<typeof registerBody>;
export type SignInBody = z.infer<typeof signInBody>;
export type ArticleCreateBody = z.infer<typeof articleCreateBody>;
export type ArticleUpdateBody = z.infer<typeof articleUpdateBody>;

// Socket payloads (shared/events.ts). Ids are opaque strings of bounded size.
const id = z.string().min(1).max(100);
export const commentBody = cleanText(1, LIMITS.commentMax);

export const joinRequest = z.strictObject({ slug, sort: commentSort.optional(), positionId: id.optional() });
export const leaveRequest = z.strictObject({ articleId: id });
export const pageRequest = z.strictObject({
  articleId: id,
  parentId: id.nullable().optional(),
  sort: commentSort.optional(),
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(LIMITS.pageMax).optional(),
  positionId: id.optional(),
});
/** Most comments one `article:tallies` request may ask about. */
export const TALLIES_PER_REQUEST = 500;
export const talliesRequest = z.strictObject({
  articleId: id,
  commentIds: z.array(id).min(1).max(TALLIES_PER_REQUEST),
});
export const syncRequest = z.strictObject({
  articleId: id,
  sinceSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The order and position filter of the snapshot sent when the reader is too far behind. */
  sort: commentSort.optional(),
  positionId: id.optional(),
});
export const createCommentRequest = z.strictObject({
  articleId: id,
  parentId: id.nullable().optional(),
  body: commentBody,
  positionId: id.nullable().optional(),
});
export const editCommentRequest = z.strictObject({ commentId: id, body: commentBody });
export const deleteCommentRequest = z.strictObject({ commentId: id });
export const voteRequest = z.strictObject({
  commentId: id,
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
});

// Moderation payloads.
const reasonText = cleanLine(1, LIMITS.reasonMax);
export const moderateRequest = z.strictObject({
  commentId: id,
  action: z.enum(MOD_ACTIONS),
  reason: reasonText.optional(),
  expectedVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const queueRequest = z.strictObject({
  queue: z.enum(MOD_QUEUES),
  articleId: id.nullable().optional(),
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(LIMITS.pageMax).optional(),
});
export const reportRequest = z.strictObject({
  commentId: id,
  reason: z.enum(REPORT_REASONS),
  note: cleanText(1, LIMITS.noteMax).optional(),
});
export const sanctionRequest = z.strictObject({
  userId: id,
  kind: z.enum(SANCTION_KINDS),
  reason: reasonText,
  minutes: z.number().int().min(1).max(LIMITS.sanctionMinutesMax).optional(),
  removeComments: z.boolean().optional(),
});
const wordList = z.array(cleanLine(1, 60)).max(500);
/** Bounds of the slow-mode settings, for the server's validation and the moderators' form alike. */
export const SLOW_MODE_LIMITS = {
  /** The longest wait between a reader's comments, manual or automatic. */
  secondsMax: 3600,
  /** The highest comment rate (per minute) automatic slow mode may be set to engage at. */
  autoPerMinuteMax: 10_000,
} as const;
export const articleSettingsPatch = z
  .strictObject({
    premod: z.enum(PREMOD_MODES),
    commentsOpen: z.boolean(),
    slowModeSeconds: z.number().int().min(0).max(SLOW_MODE_LIMITS.secondsMax),
    autoSlowModePerMinute: z.number().int().min(0).max(SLOW_MODE_LIMITS.autoPerMinuteMax),
    autoSlowModeSeconds: z.number().int().min(1).max(SLOW_MODE_LIMITS.secondsMax),
    bannedWords: wordList,
    suspectWords: wordList,
    reportThreshold: z.number().int().min(1).max(1000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one setting to change');
export const settingsRequest = z.strictObject({ articleId: id, settings: articleSettingsPatch });
export const commentIdRequest = z.strictObject({ commentId: id });
export const articleIdRequest = z.strictObject({ articleId: id });
export const userIdRequest = z.strictObject({ userId: id });
export const sanctionIdRequest = z.strictObject({ sanctionId: id });
/** `mod:undo`: the audit entry of the moderator's own action to take back (issue 15). */
export const undoRequest = z.strictObject({ auditId: id });
export const emptyRequest = z.strictObject({});
/** Articles one `front:watch` may name, and one connection may watch in all. */
export const FRONT_WATCH_LIMITS = { perRequest: 100, perConnection: 300 } as const;
export const frontWatchRequest = z.strictObject({
  articleIds: z.array(id).min(1).max(FRONT_WATCH_LIMITS.perRequest),
});
export const auditRequest = z.strictObject({
  articleId: id.optional(),
  commentId: id.optional(),
  userId: id.optional(),
  after: z.string().max(200).optional(),
});

// Debate payloads.
const phasePlan = z.strictObject({
  kind: z.enum(PHASE_KINDS),
  title: cleanLine(1, 120),
  positionId: id.nullable(),
  // From 2 s: a host rehearsing (and the browser tests) runs phases of a few seconds.
  durationSeconds: z
    .number()
    .int()
    .min(2)
    .max(4 * 3600),
  autoAdvance: z.boolean().optional(),
});
export const debateIdRequest = z.strictObject({ debateId: id });
export const debateSetupRequest = z.strictObject({
  debateId: id,
  template: z.enum(TEMPLATE_NAMES),
  plan: z.array(phasePlan).min(1).max(40).optional(),
  preVoteCloses: z.enum(PRE_VOTE_POLICIES).optional(),
});
export const debateCommandRequest = z.strictObject({
  debateId: id,
  command: z.enum(HOST_COMMANDS),
  seconds: z.number().int().min(5).max(3600).optional(),
});
export const debateFloorRequest = z.strictObject({ debateId: id, userId: id.nullable() });
export const debateVoteRequest = z.strictObject({ debateId: id, positionId: id });
export const debateHandRequest = z.strictObject({ debateId: id, raised: z.boolean(), userId: id.optional() });
export const debateAskRequest = z.strictObject({
  debateId: id,
  text: cleanLine(LIMITS.questionMin, LIMITS.questionMax),
});
export const questionIdRequest = z.strictObject({ questionId: id });
export const questionStateRequest = z.strictObject({ questionId: id, state: z.enum(['open', 'current', 'answered']) });
export const debateCreditRequest = z.strictObject({ debateId: id, commentIds: z.array(id).min(1).max(10) });
/** One paragraph of the statement stream: a blank line inside would make it two. */
export const debateSayRequest = z.strictObject({
  debateId: id,
  text: cleanText(1, LIMITS.statementMax).refine(
    isOneParagraph,
    'must be one paragraph (post each paragraph on its own)',
  ),
});
/**
 * Sets (a link) or clears (null) the session's live stream. The bound here only caps the payload:
 * which links are allowed, and the 2,000-character rule, are the parser's (shared/debate/stream-link.ts),
 * checked by the domain so its refusal reads as one sentence.
 */
export const debateStreamRequest = z.strictObject({ debateId: id, url: z.string().max(10_000).nullable() });
export const debateTranscriptRequest = z.strictObject({
  debateId: id,
  sinceSeq: z.number().int().min(0).optional(),
});
