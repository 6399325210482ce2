/**
 * Relay ticks end to end: stock y-websocket providers typing at once into one document on a bare
 * HTTP server with only /collab on it (SQLite in memory). The edits that arrive within a tick are
 * stored together (group commit) and relayed together; a watching socket receives exactly the
 * stored updates, in order, each only after it was stored; and every editor ends with the same
 * text as the store.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createTokenService } from '../auth/tokens.js';
import { createLocalBus } from '../bus/bus.js';
import type { Deps } from '../domain/deps.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { connect, storedDoc, storeHostedDebate, waitFor, type Client } from '../../test/helpers/collab.js';
import { serveTickets } from '../../test/helpers/ticket-route.js';
import { startCollab } from './server.js';

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** What happened, in order, in this one process: a store write committed, or the watcher received a frame. */
type Logged = { kind: 'stored'; update: Uint8Array } | { kind: 'received'; update: Uint8Array };

async function start() {
  const store = await openSqliteStore(':memory:');
  const tokens = createTokenService('t'.repeat(32), 900);
  const deps = { store, tokens, bus: createLocalBus(), log: pino({ level: 'silent' }), now: () => new Date() };
  const log: Logged[] = [];
  const server: Server = createServer();
  const collab = startCollab(server, deps as unknown as Deps, {
    hooks: {
      change: async (docName, update, userId) => {
        // A disk that takes a moment: a relay that did not wait for it would show up first in the log.
        await new Promise((resolve) => setTimeout(resolve, 2));
        const seq = await store.appendDocUpdate(docName, update, userId);
        log.push({ kind: 'stored', update });
        return seq;
      },
    },
  });
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
  const { userId: hostId, debateId } = await storeHostedDebate(store, 'host');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    log,
    docName: `debate/${debateId}/position/p1`,
    token: tokens.signAccess({ sub: hostId, role: 'reader', name: 'host' }),
  };
}

/**
 * A guest socket that logs the update of every sync 'update' frame it receives. Resolves once the
 * server greeted it (sync step 1): it is one of the document's connections from then on.
 */
function watcher(base: string, docName: string, log: Logged[]) {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/collab/${docName}`);
  open.push({ close: () => ws.terminate() });
  let greeted: () => void = () => undefined;
  ws.on('message', (data: Buffer) => {
    if (data[0] === 0 && data[1] === 0) greeted();
    if (data[0] !== 0 || data[1] !== 2) return; // not a relayed update
    let length = 0;
    let shift = 0;
    let i = 2;
    for (;;) {
      const byte = data[i++]!;
      length |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    log.push({ kind: 'received', update: new Uint8Array(data.subarray(i, i + length)) });
  });
  return new Promise<void>((resolve, reject) => {
    greeted = resolve;
    ws.once('error', reject);
  });
}

describe('relay ticks with stock providers', () => {
  it('stores and relays the keystrokes of many editors typing at once in few ticks; all converge with the store', async () => {
    const s = await start();
    const editors: Client[] = Array.from({ length: 8 }, () => connect(s.base, s.docName, s.token));
    for (const e of editors) open.push({ close: () => e.destroy() });
    await Promise.all(editors.map((e) => e.synced));
    await watcher(s.base, s.docName, s.log);
    const rounds = 25;
    for (let r = 0; r < rounds; r++) {
      editors.forEach((e, i) => {
        const text = e.doc.getText('plain');
        text.insert(Math.floor(((text.length + 1) * i) / editors.length), String.fromCharCode(97 + i));
      });
      // Let the providers' frames go out before the next burst.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const keystrokes = rounds * editors.length;
    await waitFor(
      () => editors.every((e) => e.doc.getText('plain').length === keystrokes),
      'every editor to hold every keystroke',
    );
    const texts = new Set(editors.map((e) => e.doc.getText('plain').toString()));
    expect(texts.size).toBe(1);
    const [text] = texts;
    expect((await storedDoc(s.store, s.docName)).getText('plain').toString()).toBe(text);

    const stored = s.log.filter((l) => l.kind === 'stored');
    await waitFor(
      () => s.log.filter((l) => l.kind === 'received').length === stored.length,
      'the watcher to receive every stored update',
    );
    // Group commit: far fewer writes (and frames) than keystrokes.
    expect(stored.length).toBeLessThan(keystrokes / 2);
    expect((await s.store.loadDoc(s.docName)).updates).toHaveLength(stored.length);
    // The watcher received exactly the stored updates, in order, each after it was stored.
    const received = s.log.filter((l) => l.kind === 'received');
    expect(received.map((l) => l.update)).toEqual(stored.map((l) => l.update));
    let storedSoFar = 0;
    let receivedSoFar = 0;
    for (const entry of s.log) {
      if (entry.kind === 'stored') storedSoFar++;
      else expect(++receivedSoFar).toBeLessThanOrEqual(storedSoFar);
    }
    const watched = new Y.Doc();
    for (const l of received) Y.applyUpdate(watched, l.update);
    expect(watched.getText('plain').toString()).toBe(text);
  });
});
