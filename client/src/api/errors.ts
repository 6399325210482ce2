import { ErrorCodes, isErrorCode, type ErrorCode, type PublicError } from '../../../shared/errors.js';

/** Codes the client raises itself, when no server answer could be read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** Field-level problems, as the server sends them for VALIDATION_FAILED. */
export type FieldProblem = NonNullable<PublicError['details']>[number];

/** A failed API call: the server's public `{ code, message }`, plus the HTTP status (0 when offline). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details: FieldProblem[] = [],
    readonly traceId?: string,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readDetails(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

/** A fallback code for a status when the body holds no code this client knows. */
function codeForStatus(status: number): ErrorCode | ClientErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_RESPONSE';
}

/**
 * Turns an error answer into an ApiError. Reads `{ error: { code, message, details?, traceId? } }`
 * and falls back to the shared message for the code, or to a status-based code for a body that is
 * not ours (a proxy's HTML page, for instance).
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const rawCode = error?.code;
  const code = isErrorCode(rawCode) ? rawCode : codeForStatus(status);
  const fallback = isErrorCode(code) ? ErrorCodes[code].message : `The server answered ${status}.`;
  const message = typeof error?.message === 'string' && error.message ? error.message : fallback;
  const traceId = typeof error?.traceId === 'string' ? error.traceId : undefined;
  return new ApiError(code, message, status, readDetails(error?.details), traceId);
}

/** True for an aborted request; callers that abort on unmount ignore these. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
