/**
 * Requests Node's HTTP parser refuses before express sees them still answer in the JSON error model
 * (a code, a message, a traceId equal to X-Request-Id), and the server keeps serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { within, WAIT_MS } from '../helpers/wait.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.destroy());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/** Sends raw bytes, half-closes, and reads everything until the server closes the connection. */
function rawRequest(bytes: string): Promise<RawAnswer> {
  const socket = connect(t.parley.port, '127.0.0.1');
  const received: Buffer[] = [];
  const done = new Promise<RawAnswer>((resolve, reject) => {
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      let parsed: unknown = body;
      try {
        parsed = JSON.parse(body);
      } catch {
        // Not JSON: the assertion shows the text.
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: parsed });
    });
  });
  socket.end(bytes);
  return within(WAIT_MS, 'the raw answer', done);
}

function expectJsonError(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message).toEqual(expect.any(String));
  expect(answer.body.error.traceId).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers['x-request-id']).toBe(answer.body.error.traceId);
}

describe('refusals of the HTTP parser', () => {
  it('answers a 20 KB header with JSON 431 HEADERS_TOO_LARGE', async () => {
    const answer = await rawRequest(`GET /api/articles HTTP/1.1\r\nHost: x\r\nX-Junk: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectJsonError(answer, 431, 'HEADERS_TOO_LARGE');
  });

  it('answers a 54,000-character path id with JSON 431 HEADERS_TOO_LARGE (over fetch too)', async () => {
    const res = await fetch(`${t.url}/api/articles/${'a'.repeat(54_000)}`);
    const body = (await res.json()) as any;
    expect(res.status).toBe(431);
    expect(body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(res.headers.get('x-request-id')).toBe(body.error.traceId);
  });

  it('answers a body shorter than its Content-Length (the client then closes) with JSON 400 BAD_REQUEST', async () => {
    const body = '{"name":"a"}';
    const answer = await rawRequest(
      `POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 50}\r\n\r\n${body}`,
    );
    expectJsonError(answer, 400, 'BAD_REQUEST');
  });

  it('answers a malformed request line with JSON 400 BAD_REQUEST', async () => {
    const answer = await rawRequest('NOT A REQUEST\r\n\r\n');
    expectJsonError(answer, 400, 'BAD_REQUEST');
  });

  it('keeps serving afterwards', async () => {
    expect((await api(t.url, '/healthz')).status).toBe(200);
  });
});
