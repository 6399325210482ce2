// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/events.js';
import type { SessionTokens } from '../state/tokens.js';
import type { FakeSocket } from '../testing/fake-socket.js';
import { flushPromises } from '../testing/flush.js';

/** socket.io's `io` hands out fakes; the module under test is loaded fresh for every test. */
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

const TOKENS = { accessToken: 'access-1', refreshToken: 'refresh-1' };
const FRESH = { accessToken: 'access-2', refreshToken: 'refresh-2' };

function socket(): FakeSocket {
  const s = h.sockets.at(-1);
  if (!s) throw new Error('no socket was created');
  return s;
}

/** What the handshake would send now. */
function handshake(): unknown {
  const auth = h.options.at(-1)?.auth as (cb: (data: unknown) => void) => void;
  let sent: unknown;
  auth((data) => (sent = data));
  return sent;
}

function refusedWith(code: string, message = `refused ${code}`): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

beforeEach(async () => {
  vi.useFakeTimers();
  vi.resetModules();
  h.sockets.length = 0;
  h.options.length = 0;
  h.renewTokens = vi.fn(async () => null);
  window.localStorage.clear();
  tokens = await import('../state/tokens.js');
  mod = await import('./socket.js');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('connectAs', () => {
  it('creates one websocket-only socket on first use and connects it', () => {
    expect(mod.getConnectionState()).toEqual({ status: 'connecting', message: null });
    const s = mod.connectAs(null);
    expect(h.sockets).toHaveLength(1);
    expect(h.options[0]).toMatchObject({ autoConnect: false, transports: ['websocket'] });
    expect(s).toBe(socket().socket);
    expect(socket().connectCalls).toBe(1);

    // The same socket serves every caller; an active one is not connected twice.
    expect(mod.connectAs(null)).toBe(s);
    expect(h.sockets).toHaveLength(1);
    expect(socket().connectCalls).toBe(1);
  });

  it('sends the current access token for a user, and none for a guest even when one is stored', () => {
    tokens.setTokens(TOKENS);
    mod.connectAs('u1');
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-1' });
    tokens.setTokens(FRESH);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-2' });

    mod.connectAs(null);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('sends no token for a user whose tokens are gone', () => {
    mod.connectAs('u1');
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('reconnects with a new identity, but not for the same one', () => {
    mod.connectAs('u1');
    socket().simulateConnect();
    expect(mod.getConnectionState().status).toBe('connected');

    mod.connectAs('u1');
    expect(socket().disconnectCalls).toBe(0);

    mod.connectAs('u2');
    expect(socket().disconnectCalls).toBe(1);
    expect(socket().connectCalls).toBe(2);
    expect(mod.getConnectionState().status).toBe('connecting');
  });

  it('connects a socket that has stopped', () => {
    mod.connectAs(null);
    socket().simulateConnect();
    socket().simulateDisconnect('io server disconnect');
    expect(socket().active).toBe(false);
    mod.connectAs(null);
    expect(socket().connectCalls).toBe(2);
  });
});

describe('connection state', () => {
  it('tells subscribers of each change with a new state object, and stops when unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = mod.subscribeConnection(listener);
    mod.connectAs(null);
    const before = mod.getConnectionState();
    socket().simulateConnect();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(mod.getConnectionState()).not.toBe(before);
    expect(mod.getConnectionState()).toEqual({ status: 'connected', message: null });

    // The same state again is no change.
    socket().simulateConnect();
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
    socket().simulateDisconnect();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(mod.getConnectionState().status).toBe('reconnecting');
  });

  it('leaves retrying a dropped transport to socket.io', async () => {
    mod.connectAs(null);
    socket().simulateConnect();
    socket().simulateDisconnect('transport close');
    expect(mod.getConnectionState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket().connectCalls).toBe(1);
  });

  it('retries a disconnect by the server itself, waiting longer each time up to thirty seconds', async () => {
    mod.connectAs(null);
    const s = socket();
    s.simulateConnect();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      s.simulateDisconnect('io server disconnect');
      const calls = s.connectCalls;
      let waited = 0;
      while (s.connectCalls === calls) {
        await vi.advanceTimersByTimeAsync(500);
        waited += 500;
      }
      delays.push(waited);
      s.active = false; // the attempt failed at once
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);

    // A connection resets the wait.
    s.simulateConnect();
    s.simulateDisconnect('io server disconnect');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.connectCalls).toBe(9);
  });

  it('does not connect from a retry timer when the socket is already active again', async () => {
    mod.connectAs(null);
    const s = socket();
    s.simulateConnect();
    s.simulateDisconnect('io server disconnect');
    s.active = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.connectCalls).toBe(1);
  });

  it('marks a transport failure while connected as reconnecting and lets socket.io retry', async () => {
    mod.connectAs(null);
    socket().simulateConnect();
    socket().simulateConnectError(new Error('xhr poll error'), { active: true });
    expect(mod.getConnectionState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket().connectCalls).toBe(1);
  });

  it('stays connecting when the very first attempt fails at the transport', () => {
    mod.connectAs(null);
    socket().simulateConnectError(new Error('xhr poll error'), { active: true });
    expect(mod.getConnectionState().status).toBe('connecting');
  });

  it('reports a protocol mismatch as refused, with its message, and does not retry', async () => {
    mod.connectAs(null);
    socket().simulateConnectError(refusedWith('PROTOCOL_MISMATCH', 'Reload the page.'), { active: false });
    await flushPromises();
    expect(mod.getConnectionState()).toEqual({ status: 'refused', message: 'Reload the page.' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket().connectCalls).toBe(1);
  });

  it('uses the error message when a refusal carries none', async () => {
    mod.connectAs(null);
    const err = Object.assign(new Error('handshake refused'), { data: { code: 'PROTOCOL_MISMATCH' } });
    socket().simulateConnectError(err, { active: false });
    await flushPromises();
    expect(mod.getConnectionState()).toEqual({ status: 'refused', message: 'handshake refused' });
  });

  it('retries later any other refusal of the handshake', async () => {
    mod.connectAs(null);
    socket().simulateConnectError(refusedWith('STORE_UNAVAILABLE'), { active: false });
    await flushPromises();
    expect(mod.getConnectionState().status).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket().connectCalls).toBe(2);

    socket().simulateConnect();
    socket().simulateConnectError(new Error('no data at all'), { active: false });
    await flushPromises();
    expect(mod.getConnectionState().status).toBe('reconnecting');
  });
});

describe('expired tokens in the handshake', () => {
  it('renews the token the handshake carried and connects again with the fresh one', async () => {
    tokens.setTokens(TOKENS);
    h.renewTokens = vi.fn(async () => {
      tokens.setTokens(FRESH);
      return FRESH;
    });
    mod.connectAs('u1');
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-1' });
    socket().active = false;

    socket().simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
    await flushPromises();

    expect(h.renewTokens).toHaveBeenCalledWith(TOKENS);
    expect(socket().connectCalls).toBe(2);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-2' });
  });

  it('carries on as a guest when the session is over', async () => {
    tokens.setTokens(TOKENS);
    h.renewTokens = vi.fn(async () => {
      tokens.clearTokens();
      return null;
    });
    mod.connectAs('u1');
    handshake();
    socket().simulateConnectError(refusedWith('TOKEN_INVALID'), { active: false });
    await flushPromises();
    expect(socket().connectCalls).toBe(2);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('retries later, keeping the identity, when the refresh could not reach the server', async () => {
    tokens.setTokens(TOKENS);
    mod.connectAs('u1');
    handshake();
    socket().simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
    await flushPromises();
    expect(socket().connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket().connectCalls).toBe(2);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-1' });
  });

  it('gives up on the token after three refusals in a row and connects as a guest', async () => {
    tokens.setTokens(TOKENS);
    h.renewTokens = vi.fn(async (used: SessionTokens) => used);
    mod.connectAs('u1');
    const s = socket();
    for (let i = 0; i < 3; i++) {
      handshake();
      s.simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
      await flushPromises();
    }
    expect(h.renewTokens).toHaveBeenCalledTimes(3);
    expect(s.connectCalls).toBe(4);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-1' });

    s.simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
    await flushPromises();
    expect(h.renewTokens).toHaveBeenCalledTimes(3);
    expect(s.connectCalls).toBe(5);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('leaves the socket alone when connectAs went ahead during the refresh', async () => {
    tokens.setTokens(TOKENS);
    let finish!: (t: SessionTokens | null) => void;
    h.renewTokens = vi.fn(() => new Promise<SessionTokens | null>((resolve) => (finish = resolve)));
    mod.connectAs('u1');
    handshake();
    socket().simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
    mod.connectAs(null);
    expect(socket().connectCalls).toBe(2);
    finish(FRESH);
    await flushPromises();
    expect(socket().connectCalls).toBe(2);
  });

  it('a connection resets the count of refusals', async () => {
    tokens.setTokens(TOKENS);
    h.renewTokens = vi.fn(async (used: SessionTokens) => used);
    mod.connectAs('u1');
    const s = socket();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3; i++) {
        handshake();
        s.simulateConnectError(refusedWith('TOKEN_EXPIRED'), { active: false });
        await flushPromises();
      }
      s.simulateConnect();
    }
    expect(h.renewTokens).toHaveBeenCalledTimes(6);
    expect(handshake()).toEqual({ protocol: PROTOCOL_VERSION, token: 'access-1' });
  });
});

describe('useConnection', () => {
  it('re-renders with the connection state as it changes', async () => {
    const { useConnection } = await import('./useConnection.js');
    const { result } = renderHook(() => useConnection());
    expect(result.current.status).toBe('connecting');
    act(() => {
      mod.connectAs(null);
      socket().simulateConnect();
    });
    expect(result.current).toEqual({ status: 'connected', message: null });
    act(() => socket().simulateDisconnect());
    expect(result.current.status).toBe('reconnecting');
  });
});
