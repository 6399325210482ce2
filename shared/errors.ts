/**
 * The one error model both sides speak (after Coral Talk): every failure a client can see is
 * `{ code, message }` with a code from this table. HTTP answers use `httpStatus`; socket.io
 * acknowledgements carry `{ ok: false, error }`; /collab closes with a 4000-range code.
 */
export const ErrorCodes = {
  BAD_REQUEST: { status: 400, message: 'The request could not be read.' },
  VALIDATION_FAILED: { status: 400, message: 'Some fields are missing or invalid.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request line or headers are too large.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  TOKEN_EXPIRED: { status: 401, message: 'The token has expired.' },
  TOKEN_INVALID: { status: 401, message: 'The token is not valid.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong name or password.' },
  REFRESH_INVALID: { status: 401, message: 'The refresh token is unknown, used or expired.' },
  TICKET_INVALID: { status: 401, message: 'The collab ticket is unknown, used, expired or for another document.' },
  SSO_INVALID: { status: 401, message: 'The single sign-on token is not valid.' },
  SSO_REPLAYED: { status: 401, message: 'This single sign-on token has already been used.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  EDIT_WINDOW_CLOSED: { status: 403, message: 'The time to edit this comment has passed.' },
  NOT_AUTHOR: { status: 403, message: 'Only the author can do that.' },
  OWN_COMMENT_VOTE: { status: 403, message: 'You cannot vote on your own comment.' },
  MUTED: { status: 403, message: 'You are muted.' },
  BANNED: { status: 403, message: 'You are banned from commenting.' },
  WARNING_UNACKNOWLEDGED: { status: 403, message: 'Read and acknowledge the moderators’ warning first.' },
  COMMENTS_CLOSED: { status: 403, message: 'Comments are closed on this article.' },
  COMMENT_REFUSED: { status: 422, message: 'The comment contains words that are not allowed here.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  DEBATE_NOT_SET_UP: { status: 404, message: 'This debate has no session plan yet; the host sets it up first.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  NAME_TAKEN: { status: 409, message: 'That name is already taken.' },
  // Safe names and account recovery (issue 15; shared/names.ts).
  NAME_TAKEN_LOOKALIKE: { status: 409, message: 'That name looks too much like someone else’s; choose another.' },
  NAME_RESERVED: { status: 409, message: 'That name is kept for the site’s staff; choose another.' },
  NAME_INVALID_CHARACTERS: { status: 400, message: 'That name holds characters names cannot have.' },
  NAME_MIXED_SCRIPTS: { status: 400, message: 'Write each word of a name in one script (letters of one alphabet).' },
  RESET_TOKEN_INVALID: { status: 400, message: 'This reset link is unknown, used or expired; ask for a new one.' },
  MAIL_UNAVAILABLE: { status: 503, message: 'This site sends no e-mail; ask an administrator for a reset link.' },
  LAST_ADMIN: { status: 409, message: 'There must be at least one admin; make someone else admin first.' },
  SLUG_TAKEN: { status: 409, message: 'An article with that slug already exists.' },
  CONFLICT: { status: 409, message: 'The change conflicts with the current state.' },
  COMMENT_NOT_VISIBLE: { status: 409, message: 'That comment is deleted or hidden.' },
  ALREADY_HANDLED: { status: 409, message: 'Another moderator acted on this comment first; look again.' },
  INVALID_TRANSITION: { status: 409, message: 'That action does not apply to the comment as it is now.' },
  UNDO_EXPIRED: { status: 409, message: 'The time to undo that action has passed.' },
  ALREADY_REPORTED: { status: 409, message: 'You have already reported this comment.' },
  THREAD_TOO_DEEP: { status: 409, message: 'This thread is too deep to reply further.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down.' },
  SLOW_MODE: { status: 429, message: 'Slow mode is on for this discussion; wait a little before posting again.' },
  UNKNOWN_EVENT: { status: 400, message: 'Unknown event.' },
  PROTOCOL_MISMATCH: { status: 400, message: 'The client speaks another protocol version; reload the page.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The store cannot be reached.' },
  OVERLOADED: { status: 503, message: 'Parley is very busy right now; nothing was saved. Try again in a moment.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  MALFORMED_MESSAGE: { status: 400, message: 'The message could not be read.' },
  READ_ONLY: { status: 403, message: 'You may read this document but not change it.' },
  UPDATE_TOO_LARGE: { status: 413, message: 'The change is too large.' },
  DOCUMENT_TOO_LARGE: { status: 413, message: 'The document has reached its size limit.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

/** What travels to clients. Never holds stack traces or internal detail. */
export interface PublicError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION_FAILED. */
  details?: Array<{ path: string; message: string }>;
  /** Correlates the answer with server logs. */
  traceId?: string;
  /** Facts a client words for itself (it switches on `code` and reads these, never the message). */
  meta?: ErrorMeta;
}

export interface ErrorMeta {
  /** BANNED, MUTED: when the sanction ends (null: never), and the moderator's reason. */
  until?: string | null;
  reason?: string;
  /**
   * RATE_LIMITED, SLOW_MODE, OVERLOADED: how long to wait before trying again. An OVERLOADED
   * refusal stored nothing, so sending the same request again after this wait is safe.
   */
  retryAfterMs?: number;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCodes, value);
}
