/**
 * The JSON error model at the HTTP edge: every failure answers `{ error: { code, message, traceId } }`
 * with the code's status. Unknown errors are logged with the trace id and answered as INTERNAL.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/** Errors thrown by body-parser carry a `type`; map the ones a client can cause. */
const BODY_PARSER_ERRORS: Record<string, AppError> = {
  'entity.too.large': new AppError('PAYLOAD_TOO_LARGE'),
  'entity.parse.failed': new AppError('BAD_REQUEST', 'The body is not valid JSON.'),
  'encoding.unsupported': new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding.'),
  'charset.unsupported': new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send UTF-8 JSON.'),
  'request.aborted': new AppError('BAD_REQUEST', 'The request was aborted.'),
  'request.size.invalid': new AppError('BAD_REQUEST', 'The request size does not match its length.'),
  'parameters.too.many': new AppError('BAD_REQUEST', 'Too many parameters.'),
};

/** Other client errors raised by express itself (a malformed %-escape in a path, say) carry a 4xx status. */
function expressClientError(err: unknown): AppError | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new AppError('BAD_REQUEST', 'The request path or query is malformed.');
  return undefined;
}

export const notFoundHandler: RequestHandler = () => {
  throw new AppError('ROUTE_NOT_FOUND');
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const traceId = String(req.id ?? '');
  const type = (err as { type?: unknown } | null)?.type;
  const known =
    err instanceof AppError
      ? err
      : ((typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined) ?? expressClientError(err));
  const appError = known ?? new AppError('INTERNAL');
  if (!known || appError.status >= 500) req.log.error({ err, traceId }, 'request failed');
  else req.log.info({ code: appError.code, traceId }, 'request refused');
  if (res.headersSent) return;
  res.status(appError.status).json({ error: appError.toPublic(traceId) });
};
