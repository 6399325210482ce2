/** The close code and reason /collab sends for an error (the table is shared/close-codes.ts). */
import { CLOSE_CODE_OF_ERROR, CloseCode } from '../../shared/close-codes.js';
import type { ErrorCode } from '../../shared/errors.js';
import { AppError } from '../errors.js';

export { CloseCode };

/** The close code and reason for an error; anything that is not an AppError is INTERNAL (1011). */
export function closeFor(err: unknown): { code: number; reason: ErrorCode } {
  if (err instanceof AppError) return { code: CLOSE_CODE_OF_ERROR[err.code] ?? CloseCode.INTERNAL, reason: err.code };
  return { code: CloseCode.INTERNAL, reason: 'INTERNAL' };
}
