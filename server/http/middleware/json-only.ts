/** Requests that carry a body must say it is JSON; anything else is refused with 415 instead of being ignored. */
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  next();
};
