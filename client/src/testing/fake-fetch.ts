/**
 * A stand-in for `fetch`: records each call (URL, method, headers, parsed JSON body) and answers
 * from a handler the test supplies. Install with `vi.stubGlobal('fetch', fake.fetch)`.
 */
import { vi } from 'vitest';

export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | null | undefined;
}

export type FetchHandler = (call: FetchCall) => Response | Promise<Response>;

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The shared error body of the API. */
export function apiError(status: number, code: string, message = `error ${code}`, extra: object = {}): Response {
  return json(status, { error: { code, message, ...extra } });
}

export function createFakeFetch(handler: FetchHandler) {
  const calls: FetchCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: FetchCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body,
      signal: init.signal,
    };
    calls.push(call);
    return handler(call);
  });
  return { fetch, calls };
}
