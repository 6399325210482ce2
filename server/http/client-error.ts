/**
 * Requests Node's HTTP parser refuses before express ever sees them (a head over 16 KiB, a broken
 * request line, bytes after a body shorter than its Content-Length...). Without this, Node answers
 * a bare 400 or 431 with no body and no request id; with it they get the same JSON error model as
 * every other refusal, then the connection is closed (the parser cannot resynchronise on it).
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';

/** Node's parser and server error codes a client can cause, mapped as Node's own answer maps them. */
const PARSER_ERRORS: Record<string, () => AppError> = {
  HPE_HEADER_OVERFLOW: () => new AppError('HEADERS_TOO_LARGE'),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: () => new AppError('PAYLOAD_TOO_LARGE', 'The chunk extensions are too large.'),
  ERR_HTTP_REQUEST_TIMEOUT: () => new AppError('REQUEST_TIMEOUT'),
};

export function clientErrorAnswer(log: Logger) {
  return (err: Error & { code?: string }, socket: Duplex) => {
    // Nothing can be written on a reset socket, nor after a response has begun on it (the raw
    // bytes would land inside that response). `_httpMessage` is how Node's own handler checks.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const error =
      PARSER_ERRORS[err.code ?? '']?.() ?? new AppError('BAD_REQUEST', 'The request could not be parsed as HTTP.');
    const traceId = randomUUID();
    log.info({ code: error.code, cause: err.code, traceId }, 'request refused by the HTTP parser');
    const body = JSON.stringify({ error: error.toPublic(traceId) });
    socket.end(
      [
        `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${traceId}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
      () => socket.destroy(),
    );
  };
}
