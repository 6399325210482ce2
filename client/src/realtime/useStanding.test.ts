// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sanction } from '../../../shared/types.js';
import type { FakeSocket } from '../testing/fake-socket.js';
import { sanction } from '../testing/fixtures.js';
import { flushPromises } from '../testing/flush.js';
import { inForce } from './useStanding.js';

/** socket.io's `io` hands out fakes; socket.ts (the real one) is loaded fresh for every test. */
const h = vi.hoisted(() => ({ sockets: [] as FakeSocket[] }));

vi.mock('socket.io-client', async () => {
  const { FakeSocket } = await import('../testing/fake-socket.js');
  return {
    io: () => {
      const socket = new FakeSocket();
      h.sockets.push(socket);
      return socket;
    },
  };
});

let useStanding: typeof import('./useStanding.js').useStanding;
let connectAs: typeof import('./socket.js').connectAs;

const FUTURE = '2999-01-01T00:00:00.000Z';
const PAST = '2000-01-01T00:00:00.000Z';

function socket(): FakeSocket {
  const s = h.sockets[0];
  if (!s) throw new Error('no socket was created');
  return s;
}

async function settle(fn: () => void = () => undefined): Promise<void> {
  await act(async () => {
    fn();
    await flushPromises();
  });
}

function render(selfId: string | null | undefined) {
  return renderHook((props: { selfId: string | null | undefined }) => useStanding(props.selfId), {
    initialProps: { selfId },
  });
}

/** Rendered as u1 on a connected socket whose standing answer was `active`. */
async function standing(active: Sanction[]) {
  const view = render('u1');
  await settle(() => socket().simulateConnect());
  await settle(() => socket().only('account:standing').reply({ active }));
  return view;
}

beforeEach(async () => {
  vi.resetModules();
  h.sockets.length = 0;
  ({ useStanding } = await import('./useStanding.js'));
  ({ connectAs } = await import('./socket.js'));
});

afterEach(() => {
  cleanup();
});

describe('inForce', () => {
  const now = Date.parse('2025-06-01T00:00:00.000Z');

  it('holds a warning until it is acknowledged', () => {
    expect(inForce(sanction('s', { kind: 'warn' }), now)).toBe(true);
    expect(inForce(sanction('s', { kind: 'warn', acknowledgedAt: PAST }), now)).toBe(false);
  });

  it('holds a mute or a ban until it ends; a ban without an end holds for good', () => {
    expect(inForce(sanction('s', { kind: 'mute', until: '2025-06-01T00:00:01.000Z' }), now)).toBe(true);
    expect(inForce(sanction('s', { kind: 'mute', until: '2025-06-01T00:00:00.000Z' }), now)).toBe(false);
    expect(inForce(sanction('s', { kind: 'ban', until: null }), now)).toBe(true);
    expect(inForce(sanction('s', { kind: 'ban', until: PAST }), now)).toBe(false);
  });

  it('never holds a lifted sanction', () => {
    expect(inForce(sanction('s', { kind: 'ban', until: null, liftedAt: PAST }), now)).toBe(false);
    expect(inForce(sanction('s', { kind: 'warn', liftedAt: PAST }), now)).toBe(false);
  });
});

describe('useStanding', () => {
  it('asks nothing for a guest or an unknown identity', () => {
    const { result, rerender } = render(undefined);
    expect(result.current.active).toEqual([]);
    rerender({ selfId: null });
    expect(result.current.active).toEqual([]);
    expect(h.sockets).toHaveLength(0);
  });

  it('asks for the standing once connected, and again on every connect', async () => {
    const warning = sanction('w1');
    const { result } = render('u1');
    expect(socket().sentOf('account:standing')).toHaveLength(0);

    await settle(() => socket().simulateConnect());
    expect(socket().sentOf('account:standing')).toEqual([{}]);
    await settle(() =>
      socket()
        .only('account:standing')
        .reply({ active: [warning] }),
    );
    expect(result.current.active).toEqual([warning]);

    await settle(() => socket().simulateDisconnect());
    await settle(() => socket().simulateConnect({ recovered: true }));
    expect(socket().sentOf('account:standing')).toHaveLength(2);
    await settle(() => socket().only('account:standing').reply({ active: [] }));
    expect(result.current.active).toEqual([]);
  });

  it('asks at once on a socket that is already connected', async () => {
    connectAs('u1');
    socket().simulateConnect();
    const { result } = render('u1');
    await settle(() =>
      socket()
        .only('account:standing')
        .reply({ active: [sanction('w1')] }),
    );
    expect(result.current.active.map((s) => s.id)).toEqual(['w1']);
  });

  it('keeps an empty standing when the question fails', async () => {
    const { result } = render('u1');
    await settle(() => socket().simulateConnect());
    await settle(() => socket().only('account:standing').timeOut());
    expect(result.current.active).toEqual([]);
  });

  it('takes sanctions given or lifted live', async () => {
    const { result } = await standing([sanction('w1')]);
    const mute = sanction('m1', { kind: 'mute', until: FUTURE });

    act(() => socket().serverEmit('account:sanction', mute));
    expect(result.current.active.map((s) => s.id)).toEqual(['w1', 'm1']);

    // The same sanction again replaces the one held.
    act(() => socket().serverEmit('account:sanction', { ...mute, reason: 'Longer' }));
    expect(result.current.active).toHaveLength(2);
    expect(result.current.active.find((s) => s.id === 'm1')?.reason).toBe('Longer');

    act(() => socket().serverEmit('account:sanction', { ...mute, liftedAt: PAST }));
    expect(result.current.active.map((s) => s.id)).toEqual(['w1']);

    // A sanction that is already over never shows.
    act(() => socket().serverEmit('account:sanction', sanction('m2', { kind: 'mute', until: PAST })));
    expect(result.current.active.map((s) => s.id)).toEqual(['w1']);
  });

  it('acknowledges a warning and drops it', async () => {
    const { result } = await standing([sanction('w1'), sanction('m1', { kind: 'mute', until: FUTURE })]);
    socket().respond('account:acknowledge', (req) => ({
      ok: true,
      data: sanction(req.sanctionId, { acknowledgedAt: PAST }),
    }));
    await settle(() => void result.current.acknowledge('w1'));
    expect(socket().sentOf('account:acknowledge')).toEqual([{ sanctionId: 'w1' }]);
    expect(result.current.active.map((s) => s.id)).toEqual(['m1']);
  });

  it("rejects with the server's refusal and keeps the warning", async () => {
    const { result } = await standing([sanction('w1')]);
    socket().respond('account:acknowledge', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Gone.' } }));
    let failure: unknown;
    await settle(() => void result.current.acknowledge('w1').catch((e: unknown) => (failure = e)));
    expect(failure).toMatchObject({ name: 'LiveError', code: 'NOT_FOUND' });
    expect(result.current.active.map((s) => s.id)).toEqual(['w1']);
  });

  it('acknowledges nothing without a signed-in user', async () => {
    const { result } = render(null);
    await expect(result.current.acknowledge('w1')).resolves.toBeUndefined();
    expect(h.sockets).toHaveLength(0);
  });

  it('asks again on refresh', async () => {
    const { result } = await standing([sanction('w1')]);
    await settle(() => result.current.refresh());
    expect(socket().sentOf('account:standing')).toHaveLength(2);
    await settle(() =>
      socket()
        .only('account:standing')
        .reply({ active: [sanction('b1', { kind: 'ban' })] }),
    );
    expect(result.current.active.map((s) => s.id)).toEqual(['b1']);
  });

  it('forgets the standing on sign-out, and ignores answers and notices for the old user', async () => {
    const { result, rerender } = render('u1');
    await settle(() => socket().simulateConnect());
    const late = socket().only('account:standing');
    rerender({ selfId: null });
    expect(result.current.active).toEqual([]);
    await settle(() => late.reply({ active: [sanction('w1')] }));
    act(() => socket().serverEmit('account:sanction', sanction('w2')));
    expect(result.current.active).toEqual([]);
    expect(socket().listenerCount('account:sanction')).toBe(0);
  });
});
