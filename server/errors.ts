/**
 * The server's error type: a public part (code and message, safe for clients) and a private part
 * (cause, logged only), after Coral Talk.
 */
import { ErrorCodes, type ErrorCode, type ErrorMeta, type PublicError } from '../shared/errors.js';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string = ErrorCodes[code].message,
    readonly details?: PublicError['details'],
    options?: { cause?: unknown; meta?: ErrorMeta },
  ) {
    super(message, options);
    this.meta = options?.meta;
  }

  readonly meta: ErrorMeta | undefined;

  get status(): number {
    return ErrorCodes[this.code].status;
  }

  toPublic(traceId?: string): PublicError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.meta ? { meta: this.meta } : {}),
      ...(traceId ? { traceId } : {}),
    };
  }
}
