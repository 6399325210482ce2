import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../shared/errors.js';
import { ApiError, isAbortError, toApiError } from './errors.js';

describe('toApiError', () => {
  it("reads the server's code, message, details and trace id", () => {
    const error = toApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Check the fields.',
        details: [{ path: 'body.name', message: 'Too short' }],
        traceId: 't-1',
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'VALIDATION_FAILED',
      message: 'Check the fields.',
      status: 400,
      details: [{ path: 'body.name', message: 'Too short' }],
      traceId: 't-1',
    });
  });

  it('falls back to the shared message of the code when the server sent none', () => {
    expect(toApiError(409, { error: { code: 'NAME_TAKEN' } }).message).toBe(ErrorCodes.NAME_TAKEN.message);
    expect(toApiError(409, { error: { code: 'NAME_TAKEN', message: '' } }).message).toBe(ErrorCodes.NAME_TAKEN.message);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL'],
    [503, 'INTERNAL'],
  ] as const)('names a %i answer without a known code %s', (status, code) => {
    const error = toApiError(status, '<html>Bad gateway</html>');
    expect(error.code).toBe(code);
    expect(error.message).toBe(ErrorCodes[code].message);
    expect(error.status).toBe(status);
  });

  it('calls any other unreadable answer a bad response, naming its status', () => {
    const error = toApiError(418, { error: { code: 'TEAPOT', message: 42 } });
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toBe('The server answered 418.');
    expect(toApiError(400, null).code).toBe('BAD_RESPONSE');
    expect(toApiError(400, { error: 'text' }).code).toBe('BAD_RESPONSE');
  });

  it('keeps only well-formed details, and no trace id that is not a string', () => {
    const error = toApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        details: [{ path: 'name', message: 'ok' }, { path: 1, message: 'x' }, 'junk', null, { path: 'p' }],
        traceId: 7,
      },
    });
    expect(error.details).toEqual([{ path: 'name', message: 'ok' }]);
    expect(error.traceId).toBeUndefined();
    expect(toApiError(400, { error: { code: 'BAD_REQUEST', details: 'nope' } }).details).toEqual([]);
  });
});

describe('isAbortError', () => {
  it('is true only for an AbortError DOMException', () => {
    expect(isAbortError(new DOMException('stopped', 'AbortError'))).toBe(true);
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError(new DOMException('late', 'TimeoutError'))).toBe(false);
    expect(isAbortError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});
