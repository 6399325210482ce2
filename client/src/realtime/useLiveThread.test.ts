// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeSocket } from '../testing/fake-socket.js';
import { ARTICLE_ID, SLUG, comment, created, snapshot } from '../testing/fixtures.js';
import { flushPromises } from '../testing/flush.js';
import { encodeChange } from '../../../shared/wire.js';

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

type HookModule = typeof import('./useLiveThread.js');
let useLiveThread: HookModule['useLiveThread'];
let LiveError: typeof import('./requests.js').LiveError;

function socket(): FakeSocket {
  const s = h.sockets[0];
  if (!s) throw new Error('no socket was created');
  return s;
}

/** Runs `fn` and lets every answer it caused reach React. */
async function settle(fn: () => void = () => undefined): Promise<void> {
  await act(async () => {
    fn();
    await flushPromises();
  });
}

function render(slug: string, selfId: string | null | undefined) {
  return renderHook(
    (props: { slug: string; selfId: string | null | undefined }) => useLiveThread(props.slug, props.selfId),
    {
      initialProps: { slug, selfId },
    },
  );
}

/** Renders the hook as `selfId`, connected, with the first join answered by a snapshot at seq 2. */
async function opened(selfId: string | null = null) {
  const view = render(SLUG, selfId);
  await settle(() => socket().simulateConnect());
  await settle(() =>
    socket()
      .only('article:join')
      .reply(snapshot(2, [comment(1), comment(2)])),
  );
  return view;
}

beforeEach(async () => {
  vi.resetModules();
  h.sockets.length = 0;
  window.localStorage.clear();
  ({ useLiveThread } = await import('./useLiveThread.js'));
  ({ LiveError } = await import('./requests.js'));
});

afterEach(() => {
  cleanup();
});

describe('useLiveThread', () => {
  it('waits, without a socket, while the identity is not known', async () => {
    const { result } = render(SLUG, undefined);
    expect(result.current).toMatchObject({
      thread: null,
      phase: 'waiting',
      version: 0,
      sort: 'best',
      positionId: null,
    });
    expect(h.sockets).toHaveLength(0);
    await expect(result.current.post('hello', null)).rejects.toThrow('The discussion is not open yet.');

    // Asking for another order or position before the thread exists only remembers it.
    act(() => result.current.setSort('new'));
    act(() => result.current.setPositionId('pos-a'));
    expect(result.current).toMatchObject({ sort: 'new', positionId: 'pos-a', phase: 'waiting' });
  });

  it('opens the thread once the identity is known, loading, then ready', async () => {
    const { result, rerender } = render(SLUG, undefined);
    rerender({ slug: SLUG, selfId: null });
    expect(result.current.phase).toBe('loading');
    expect(result.current.thread).not.toBeNull();
    expect(socket().sentOf('article:join')).toEqual([{ slug: SLUG, sort: 'best' }]);

    await settle(() =>
      socket()
        .only('article:join')
        .reply(snapshot(2, [comment(1), comment(2)])),
    );

    expect(result.current.phase).toBe('ready');
    expect(result.current.error).toBeNull();
    expect(result.current.version).toBe(1);
    expect(result.current.thread?.state.top).toEqual(['c1', 'c2']);
  });

  it('renders again with a new version for every live change', async () => {
    const { result } = await opened();
    const version = result.current.version;
    act(() => socket().serverEmit('article:change', encodeChange(created(3))));
    expect(result.current.version).toBe(version + 1);
    act(() => socket().serverEmit('presence:update', { articleId: ARTICLE_ID, readers: 5 }));
    expect(result.current.version).toBe(version + 2);
    expect(result.current.thread?.state.readers).toBe(5);
  });

  it('reports a failed join, and starts a new thread on retry', async () => {
    const { result } = render(SLUG, null);
    await settle(() => socket().simulateConnect());
    await settle(() => socket().only('article:join').refuse('NOT_FOUND', 'No such article.'));

    expect(result.current.phase).toBe('failed');
    expect(result.current.error).toBeInstanceOf(LiveError);
    expect(result.current.error).toMatchObject({ code: 'NOT_FOUND' });
    const failed = result.current.thread;

    act(() => result.current.retry());
    expect(result.current.phase).toBe('loading');
    expect(result.current.thread).not.toBe(failed);
    await settle(() => socket().only('article:join').reply(snapshot(0)));
    expect(result.current.phase).toBe('ready');
    expect(result.current.error).toBeNull();
  });

  it('tries a failed join again once the connection is back', async () => {
    const { result } = render(SLUG, null);
    // The connection is not up: the join times out.
    await settle(() => socket().only('article:join').timeOut());
    expect(result.current.phase).toBe('failed');

    await settle(() => socket().simulateConnect());
    expect(result.current.phase).toBe('loading');
    expect(socket().sentOf('article:join')).toHaveLength(2);
    await settle(() => socket().only('article:join').reply(snapshot(0)));
    expect(result.current.phase).toBe('ready');
  });

  it('does not join again on a reconnect while the thread is fine (the thread resumes by itself)', async () => {
    const { result } = await opened();
    const thread = result.current.thread;
    socket().respond('article:sync', () => ({ ok: true, data: { kind: 'changes' as const, seq: 2, changes: [] } }));
    await settle(() => socket().simulateDisconnect());
    await settle(() => socket().simulateConnect({ recovered: true }));
    expect(result.current.thread).toBe(thread);
    expect(result.current.phase).toBe('ready');
    expect(socket().sentOf('article:join')).toHaveLength(1);
    expect(socket().sentOf('article:sync')).toHaveLength(1);
  });

  it('joins again on the same thread in another order', async () => {
    const { result } = await opened();
    const thread = result.current.thread;

    act(() => result.current.setSort('new'));
    expect(result.current.sort).toBe('new');
    expect(result.current.phase).toBe('loading');
    expect(socket().sentOf('article:join')[1]).toEqual({ slug: SLUG, sort: 'new' });

    await settle(() =>
      socket()
        .only('article:join')
        .reply(snapshot(2, [comment(2), comment(1)], { sort: 'new' })),
    );
    expect(result.current.thread).toBe(thread);
    expect(result.current.phase).toBe('ready');
    expect(result.current.thread?.state.sort).toBe('new');
    expect(result.current.thread?.state.top).toEqual(['c2', 'c1']);
  });

  it('joins again showing only the comments of a position, and all of them again', async () => {
    const { result } = await opened();
    act(() => result.current.setPositionId('pos-a'));
    expect(result.current.positionId).toBe('pos-a');
    expect(socket().sentOf('article:join')[1]).toEqual({ slug: SLUG, sort: 'best', positionId: 'pos-a' });
    await settle(() => socket().only('article:join').reply(snapshot(2)));
    expect(result.current.thread?.state.positionFilter).toBe('pos-a');

    act(() => result.current.setPositionId(null));
    expect(socket().sentOf('article:join')[2]).toEqual({ slug: SLUG, sort: 'best' });
    await settle(() => socket().only('article:join').reply(snapshot(2)));
    expect(result.current.thread?.state.positionFilter).toBeNull();
  });

  it('takes the phase from the latest join only', async () => {
    const { result } = await opened();
    act(() => result.current.setSort('new'));
    act(() => result.current.setSort('top'));
    const [older, newer] = socket().pending('article:join');
    expect(older?.payload.sort).toBe('new');
    expect(newer?.payload.sort).toBe('top');

    await settle(() => newer!.reply(snapshot(2, [], { sort: 'top' })));
    expect(result.current.phase).toBe('ready');
    await settle(() => older!.refuse('RATE_LIMITED'));
    expect(result.current.phase).toBe('ready');
    expect(result.current.error).toBeNull();
    expect(result.current.sort).toBe('top');
  });

  // Known gap: LiveThread.join has no ticket of its own, so an older join answered last still
  // loads its snapshot, and the thread shows the older order while the hook says `top`.
  it('keeps the thread in the latest order when an older join is answered last', async () => {
    const { result } = await opened();
    act(() => result.current.setSort('new'));
    act(() => result.current.setSort('top'));
    const [older, newer] = socket().pending('article:join');
    await settle(() => newer!.reply(snapshot(2, [], { sort: 'top' })));
    await settle(() => older!.reply(snapshot(2, [], { sort: 'new' })));
    expect(result.current.thread?.state.sort).toBe(result.current.sort);
  });

  it('starts a new thread, on a reconnected socket, for a new identity, keeping order and position', async () => {
    const { result, rerender } = await opened(null);
    const guestThread = result.current.thread!;
    act(() => result.current.setSort('old'));
    await settle(() =>
      socket()
        .only('article:join')
        .reply(snapshot(2, [], { sort: 'old' })),
    );
    act(() => result.current.setPositionId('pos-b'));
    await settle(() => socket().only('article:join').reply(snapshot(2)));
    const listeners = socket().totalListeners();

    rerender({ slug: SLUG, selfId: 'u1' });

    // The guest's thread left its room and stopped listening; the socket reconnects as u1.
    expect(socket().emitted).toEqual([{ event: 'article:leave', payload: { articleId: ARTICLE_ID } }]);
    expect(socket().disconnectCalls).toBe(1);
    expect(result.current.thread).not.toBe(guestThread);
    expect(socket().totalListeners()).toBe(listeners);
    expect(result.current.phase).toBe('loading');
    expect(socket().sentOf('article:join').at(-1)).toEqual({ slug: SLUG, sort: 'old', positionId: 'pos-b' });

    // The guest's thread no longer takes changes.
    act(() => socket().serverEmit('article:change', encodeChange(created(3))));
    expect(guestThread.state.seq).toBe(2);
  });

  it('starts a new thread for another article', async () => {
    const { result, rerender } = await opened();
    const first = result.current.thread;
    rerender({ slug: 'another-article', selfId: null });
    expect(result.current.thread).not.toBe(first);
    expect(socket().sentOf('article:join').at(-1)).toEqual({ slug: 'another-article', sort: 'best' });
  });

  it('ignores the answer of a join for a thread that was replaced', async () => {
    const { result, rerender } = render(SLUG, null);
    await settle(() => socket().simulateConnect());
    rerender({ slug: 'another-article', selfId: null });
    const [stale, current] = socket().pending('article:join');
    await settle(() => current!.reply(snapshot(0)));
    expect(result.current.phase).toBe('ready');
    await settle(() => stale!.refuse('NOT_FOUND'));
    expect(result.current.phase).toBe('ready');
    expect(result.current.error).toBeNull();
  });

  it('posts a top-level comment arguing for a position', async () => {
    const { result } = await opened('u1');
    socket().respond('comment:create', (req) => ({
      ok: true,
      data: created(3, { authorId: 'u1', body: req.body, positionId: req.positionId ?? null }),
    }));
    let posted: unknown;
    await settle(() => {
      void result.current.post('my view', 'pos-a').then((c) => (posted = c));
    });
    expect(socket().sentOf('comment:create')).toEqual([
      { articleId: ARTICLE_ID, parentId: null, body: 'my view', positionId: 'pos-a' },
    ]);
    expect(posted).toMatchObject({ seq: 3, comment: { positionId: 'pos-a' } });
    expect(result.current.thread?.state.top[0]).toBe('c3');
  });

  it('closes the thread on unmount', async () => {
    const { unmount } = await opened();
    unmount();
    expect(socket().emitted).toEqual([{ event: 'article:leave', payload: { articleId: ARTICLE_ID } }]);
    expect(socket().listenerCount('article:change')).toBe(0);
  });
});
