/**
 * A handshake whose token is larger than a socket message (64 KiB) is answered with a
 * connect_error TOKEN_INVALID instead of a bare close (and an endless reconnect loop), on both
 * transports; other messages over 64 KiB still close only their own connection.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/events.js';
import { connectSocket } from '../helpers/live.js';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import { within, WAIT_MS } from '../helpers/wait.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.destroy());

function handshakeAnswer(transports: Array<'websocket' | 'polling'>, token: string) {
  const socket = io(t.url, {
    transports,
    auth: { protocol: PROTOCOL_VERSION, token },
    reconnection: false,
    forceNew: true,
  });
  const answer = new Promise<{ connected: boolean; data?: any }>((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err) => resolve({ connected: false, data: (err as { data?: unknown }).data }));
  });
  return within(WAIT_MS, 'the handshake answer', answer).finally(() => socket.close());
}

describe('an oversized handshake token', () => {
  it.each([[['websocket'] as const], [['polling'] as const]])(
    'is refused with TOKEN_INVALID over %s',
    async (transports) => {
      const answer = await handshakeAnswer([...transports], 'x'.repeat(100_000));
      expect(answer.connected).toBe(false);
      expect(answer.data?.code).toBe('TOKEN_INVALID');
    },
  );

  it('leaves the server up and a normal connection still works', async () => {
    const socket = await connectSocket(t.url, null, { reconnection: false });
    expect(socket.connected).toBe(true);
    socket.close();
    expect((await api(t.url, '/healthz')).status).toBe(200);
  });

  it('still closes a connection that sends an event of 100 KB (under the handshake bound, over the message limit)', async () => {
    const socket = await connectSocket(t.url, null, { reconnection: false });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    (socket.emit as (...args: unknown[]) => unknown)('article:join', { slug: 'x'.repeat(100_000) }, () => undefined);
    expect(await within(WAIT_MS, 'the disconnect', dropped)).toBe('transport close');
  });
});
