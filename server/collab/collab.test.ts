/**
 * The collab server's "store" side with short timings: compaction while typing (debounce with a
 * maximum wait), compaction when the last client leaves, unloading after the idle delay, and what
 * happens when the store fails under an update or a load. A bare HTTP server with only /collab on it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenService } from '../auth/tokens.js';
import type { Deps } from '../domain/deps.js';
import { createLocalBus } from '../bus/bus.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { connect, storedDoc, storeHostedDebate } from '../../test/helpers/collab.js';
import { serveTickets } from '../../test/helpers/ticket-route.js';
import { startCollab, type Collab, type StartCollabOptions } from './server.js';

interface Bench {
  url: string;
  store: Store;
  collab: Collab;
  docName: string;
  token: string;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function bench(options: StartCollabOptions): Promise<Bench> {
  const store = await openSqliteStore(':memory:');
  const tokens = createTokenService('x'.repeat(32), 900);
  const deps = {
    store,
    tokens,
    bus: createLocalBus(),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
  } as unknown as Deps;
  const server: Server = createServer();
  const collab = startCollab(server, deps, options);
  serveTickets(server, deps, collab);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  open.push({
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  });
  const { userId: editorId, debateId } = await storeHostedDebate(store, 'ed');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    collab,
    docName: `debate/${debateId}/position/p1`,
    token: tokens.signAccess({ sub: editorId, role: 'reader', name: 'ed' }),
  };
}

/** A stock provider signed in as the bench's editor (with a ticket, as every client asks one). */
function provider(b: Bench) {
  const client = connect(b.url, b.docName, b.token);
  open.push({ close: async () => client.destroy() });
  return {
    doc: client.doc,
    p: client.provider,
    get closes() {
      return client.closes.map((c) => c.code);
    },
    synced: client.synced,
    reconnect: client.reconnect,
  };
}

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('collab persistence timings', () => {
  it('compacts while someone keeps typing (maximum wait), not only when they stop', async () => {
    const b = await bench({ compactDebounceMs: 80, compactMaxWaitMs: 150, unloadAfterMs: 60_000 });
    const c = provider(b);
    await c.synced;
    const text = c.doc.getText('plain');
    const started = Date.now();
    let sawSnapshot = false;
    while (Date.now() - started < 600) {
      text.insert(text.length, 'k');
      await new Promise((r) => setTimeout(r, 20));
      if ((await b.store.loadDoc(b.docName)).snapshotSeq > 0) sawSnapshot = true;
    }
    // Typing never paused for 80 ms, so only the maximum wait can have written a snapshot.
    expect(sawSnapshot).toBe(true);
  });

  it('compacts when the last client leaves and unloads the document after the idle delay', async () => {
    const b = await bench({ compactDebounceMs: 60_000, compactMaxWaitMs: 60_000, unloadAfterMs: 150 });
    const c = provider(b);
    await c.synced;
    for (const ch of 'hello') c.doc.getText('plain').insert(c.doc.getText('plain').length, ch);
    const storedText = async () => (await storedDoc(b.store, b.docName)).getText('plain').toString();
    await until(async () => (await storedText()) === 'hello', 'the five keystrokes stored');
    const logged = await b.store.loadDoc(b.docName);
    expect(logged.snapshotSeq).toBe(0);
    const lastSeq = logged.updates.at(-1)!.seq;
    expect(b.collab.registry.loadedNames()).toEqual([b.docName]);
    c.p.disconnect();
    await until(async () => (await b.store.loadDoc(b.docName)).snapshotSeq === lastSeq, 'the compaction on leaving');
    expect((await b.store.loadDoc(b.docName)).updates).toEqual([]);
    await until(() => b.collab.registry.loadedNames().length === 0, 'the unload');
    // Loaded again from the snapshot alone.
    const again = provider(b);
    await again.synced;
    expect(again.doc.getText('plain').toString()).toBe('hello');
  });

  it('closes with 1011 when the store refuses an update, applies nothing of it, and goes on', async () => {
    let failNext = false;
    const b = await bench({
      hooks: {
        change: async (docName, update, userId) => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          return b.store.appendDocUpdate(docName, update, userId);
        },
      },
    });
    const writer = provider(b);
    const watcher = provider(b);
    await Promise.all([writer.synced, watcher.synced]);
    writer.doc.getText('plain').insert(0, 'kept ');
    await until(() => watcher.doc.getText('plain').toString() === 'kept ', 'the first edit');
    failNext = true;
    writer.doc.getText('plain').insert(5, 'lost');
    await until(() => writer.closes.length > 0, 'the writer to be closed');
    expect(writer.closes).toEqual([1011]);
    await new Promise((r) => setTimeout(r, 50));
    expect(watcher.doc.getText('plain').toString()).toBe('kept ');
    // The writer reconnects and its sync step 2 brings the change, stored this time.
    await writer.reconnect();
    await until(() => watcher.doc.getText('plain').toString() === 'kept lost', 'the change after reconnecting');
    expect(watcher.closes).toEqual([]);
  });

  it('closes with 1011 when the document cannot be loaded, and loads it on the next try', async () => {
    let failLoad = true;
    const b = await bench({
      hooks: {
        load: async (docName) => {
          if (failLoad) throw new Error('store down');
          return b.store.loadDoc(docName);
        },
      },
    });
    const first = provider(b);
    await until(() => first.closes.length > 0, 'the failed load');
    expect(first.closes).toEqual([1011]);
    failLoad = false;
    const second = provider(b);
    await second.synced;
    expect(b.collab.registry.loadedNames()).toEqual([b.docName]);
  });
});
