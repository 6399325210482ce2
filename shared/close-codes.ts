/**
 * How /collab refuses: a WebSocket close code in the 4000 range with the error code of
 * shared/errors.ts as the close reason (STYLE: errors). One table, for the server that closes and
 * the client that reads the code.
 */
import type { ErrorCode } from './errors.js';

export const CloseCode = {
  /** Malformed document name or message. */
  MALFORMED: 4000,
  /** The ticket is unknown, used, expired or for another document, or an access token was put in the URL (no ticket is fine: a guest reads). */
  UNAUTHENTICATED: 4001,
  /** A read-only connection kept sending changes (a reader, or an editor banned or muted meanwhile). */
  READ_ONLY: 4003,
  /** No such debate or position. */
  NOT_FOUND: 4004,
  /** One message is larger than the update or awareness limit. */
  UPDATE_TOO_LARGE: 4009,
  /** The change would grow the document past its limit. */
  DOCUMENT_TOO_LARGE: 4013,
  /** Too many messages waiting for this connection. */
  RATE_LIMITED: 4029,
  /** Standard codes: server stopping, server error. */
  GOING_AWAY: 1001,
  INTERNAL: 1011,
} as const;

export const CLOSE_CODE_OF_ERROR: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: CloseCode.MALFORMED,
  VALIDATION_FAILED: CloseCode.MALFORMED,
  MALFORMED_MESSAGE: CloseCode.MALFORMED,
  UNAUTHENTICATED: CloseCode.UNAUTHENTICATED,
  TOKEN_EXPIRED: CloseCode.UNAUTHENTICATED,
  TOKEN_INVALID: CloseCode.UNAUTHENTICATED,
  TICKET_INVALID: CloseCode.UNAUTHENTICATED,
  FORBIDDEN: CloseCode.READ_ONLY,
  READ_ONLY: CloseCode.READ_ONLY,
  BANNED: CloseCode.READ_ONLY,
  MUTED: CloseCode.READ_ONLY,
  WARNING_UNACKNOWLEDGED: CloseCode.READ_ONLY,
  NOT_FOUND: CloseCode.NOT_FOUND,
  UPDATE_TOO_LARGE: CloseCode.UPDATE_TOO_LARGE,
  PAYLOAD_TOO_LARGE: CloseCode.UPDATE_TOO_LARGE,
  DOCUMENT_TOO_LARGE: CloseCode.DOCUMENT_TOO_LARGE,
  RATE_LIMITED: CloseCode.RATE_LIMITED,
};

/**
 * A refusal retrying will not fix: the 4000 range, except RATE_LIMITED (wait and retry). Other
 * codes (network drops, 1001 going away, 1011) are transient.
 */
export const isPermanentClose = (code: number): boolean =>
  code >= 4000 && code < 5000 && code !== CloseCode.RATE_LIMITED;
