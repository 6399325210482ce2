// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeSocket } from '../testing/fake-socket.js';
import { ARTICLE_ID, debateSummary } from '../testing/fixtures.js';
import { flushPromises } from '../testing/flush.js';

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

let useArticleDebates: typeof import('./useArticleDebates.js').useArticleDebates;

interface Props {
  articleId: string | null;
  selfId: string | null | undefined;
  asked?: number;
}

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

function render(initialProps: Props) {
  return renderHook((p: Props) => useArticleDebates(p.articleId, p.selfId, p.asked), { initialProps });
}

beforeEach(async () => {
  vi.resetModules();
  h.sockets.length = 0;
  ({ useArticleDebates } = await import('./useArticleDebates.js'));
});

afterEach(() => {
  cleanup();
});

describe('useArticleDebates', () => {
  it('waits for the identity before it connects', () => {
    const { result } = render({ articleId: ARTICLE_ID, selfId: undefined });
    expect(result.current).toBeNull();
    expect(h.sockets).toHaveLength(0);
  });

  it('asks nothing without an article', async () => {
    render({ articleId: null, selfId: null });
    await settle(() => socket().simulateConnect());
    expect(socket().sent).toEqual([]);
  });

  it("asks for the article's debates on connect and on every reconnect", async () => {
    const { result } = render({ articleId: ARTICLE_ID, selfId: null });
    expect(result.current).toBeNull();
    await settle(() => socket().simulateConnect());
    expect(socket().sentOf('debate:of-article')).toEqual([{ articleId: ARTICLE_ID }]);
    await settle(() =>
      socket()
        .only('debate:of-article')
        .reply([debateSummary('d1')]),
    );
    expect(result.current?.map((d) => d.id)).toEqual(['d1']);

    await settle(() => socket().simulateConnect());
    await settle(() =>
      socket()
        .only('debate:of-article')
        .reply([debateSummary('d1'), debateSummary('d2')]),
    );
    expect(result.current?.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('asks again when told a debate was created', async () => {
    const { result, rerender } = render({ articleId: ARTICLE_ID, selfId: 'u1', asked: 0 });
    await settle(() => socket().simulateConnect());
    await settle(() => socket().only('debate:of-article').reply([]));
    rerender({ articleId: ARTICLE_ID, selfId: 'u1', asked: 1 });
    await settle(() =>
      socket()
        .only('debate:of-article')
        .reply([debateSummary('new')]),
    );
    expect(result.current?.map((d) => d.id)).toEqual(['new']);
  });

  it("shows nothing of the previous article's list while the next article's is asked", async () => {
    const { result, rerender } = render({ articleId: 'a1', selfId: null });
    await settle(() => socket().simulateConnect());
    await settle(() =>
      socket()
        .only('debate:of-article')
        .reply([debateSummary('of-a1')]),
    );
    expect(result.current?.map((d) => d.id)).toEqual(['of-a1']);
    rerender({ articleId: 'a2', selfId: null });
    expect(result.current).toBeNull();
  });

  it('keeps what it had when the question fails', async () => {
    const { result } = render({ articleId: ARTICLE_ID, selfId: null });
    await settle(() => socket().simulateConnect());
    await settle(() =>
      socket()
        .only('debate:of-article')
        .reply([debateSummary('d1')]),
    );
    await settle(() => socket().simulateConnect());
    await settle(() => socket().only('debate:of-article').refuse('STORE_UNAVAILABLE'));
    expect(result.current?.map((d) => d.id)).toEqual(['d1']);
  });

  it('ignores a late answer about the previous article, and stops listening on unmount', async () => {
    const { result, rerender, unmount } = render({ articleId: 'a1', selfId: null });
    await settle(() => socket().simulateConnect());
    const late = socket().only('debate:of-article');
    rerender({ articleId: 'a2', selfId: null });
    const current = socket()
      .pending('debate:of-article')
      .find((r) => r.payload.articleId === 'a2');
    await settle(() => current!.reply([debateSummary('of-a2')]));
    await settle(() => late.reply([debateSummary('of-a1')]));
    expect(result.current?.map((d) => d.id)).toEqual(['of-a2']);

    const listeners = socket().listenerCount('connect');
    unmount();
    expect(socket().listenerCount('connect')).toBe(listeners - 1);
  });
});
