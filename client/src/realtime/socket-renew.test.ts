// @vitest-environment happy-dom
/**
 * The socket's handshake renews a stored access token whose `exp` has passed before sending it (a
 * return visit), so the server is never asked to refuse it; a token still good goes at once.
 */
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/events.js';
import type { SessionTokens } from '../state/tokens.js';
import type { FakeSocket } from '../testing/fake-socket.js';
import { deferred } from '../testing/deferred.js';
import { flushPromises } from '../testing/flush.js';

const h = vi.hoisted(() => ({
  sockets: [] as FakeSocket[],
  options: [] as Array<Record<string, unknown>>,
  renewTokens: null as unknown as Mock<(used: SessionTokens) => Promise<SessionTokens | null>>,
}));

vi.mock('socket.io-client', async () => {
  const { FakeSocket } = await import('../testing/fake-socket.js');
  return {
    io: (options: Record<string, unknown>) => {
      const socket = new FakeSocket();
      h.sockets.push(socket);
      h.options.push(options);
      return socket;
    },
  };
});

vi.mock('../api/client.js', () => ({
  renewTokens: (used: SessionTokens) => h.renewTokens(used),
}));

type SocketModule = typeof import('./socket.js');
type TokensModule = typeof import('../state/tokens.js');
let mod: SocketModule;
let tokens: TokensModule;

/** A JWT-shaped token expiring `inSeconds` from now (negative: in the past). */
function tokenExpiring(inSeconds: number): string {
  const part = (v: object) => btoa(JSON.stringify(v)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256' })}.${part({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + inSeconds })}.sig`;
}

/** What the handshake sends, once it has sent it (it may wait for a renewal first). */
function handshake(): Promise<unknown> {
  const auth = h.options.at(-1)?.auth as (cb: (data: unknown) => void) => void;
  return new Promise((resolve) => auth(resolve));
}

beforeEach(async () => {
  vi.resetModules();
  h.sockets.length = 0;
  h.options.length = 0;
  h.renewTokens = vi.fn(async () => null);
  window.localStorage.clear();
  tokens = await import('../state/tokens.js');
  mod = await import('./socket.js');
});

describe('the handshake of a return visit', () => {
  it('renews an expired access token first and sends the fresh one', async () => {
    const expired = { accessToken: tokenExpiring(-3600), refreshToken: 'refresh-1' };
    const fresh = { accessToken: tokenExpiring(900), refreshToken: 'refresh-2' };
    tokens.setTokens(expired);
    const answer = deferred<SessionTokens | null>();
    h.renewTokens = vi.fn(() => answer.promise);
    mod.connectAs('u1');

    let sent: unknown;
    const sending = handshake().then((data) => (sent = data));
    await flushPromises();
    expect(h.renewTokens).toHaveBeenCalledWith(expired);
    expect(sent).toBeUndefined(); // nothing goes out with the expired token
    tokens.setTokens(fresh);
    answer.resolve(fresh);
    await sending;
    expect(sent).toEqual({ protocol: PROTOCOL_VERSION, token: fresh.accessToken });
  });

  it('sends a token that has not expired without a renewal', async () => {
    const good = { accessToken: tokenExpiring(600), refreshToken: 'refresh-1' };
    tokens.setTokens(good);
    mod.connectAs('u1');
    await expect(handshake()).resolves.toEqual({ protocol: PROTOCOL_VERSION, token: good.accessToken });
    expect(h.renewTokens).not.toHaveBeenCalled();
  });

  it('connects as a guest when the renewal finds the session over', async () => {
    tokens.setTokens({ accessToken: tokenExpiring(-60), refreshToken: 'refresh-1' });
    h.renewTokens = vi.fn(async () => {
      tokens.clearTokens();
      return null;
    });
    mod.connectAs('u1');
    await expect(handshake()).resolves.toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('sends the stored token when the renewal could not reach the server (its refusal renews later)', async () => {
    const expired = { accessToken: tokenExpiring(-60), refreshToken: 'refresh-1' };
    tokens.setTokens(expired);
    mod.connectAs('u1');
    await expect(handshake()).resolves.toEqual({ protocol: PROTOCOL_VERSION, token: expired.accessToken });
  });

  it('never renews for a guest, even with an expired token stored', async () => {
    tokens.setTokens({ accessToken: tokenExpiring(-60), refreshToken: 'refresh-1' });
    mod.connectAs(null);
    await expect(handshake()).resolves.toEqual({ protocol: PROTOCOL_VERSION });
    expect(h.renewTokens).not.toHaveBeenCalled();
  });
});
