/**
 * A crash between storing a relay tick and relaying it loses nothing. The /collab server runs in
 * a child process (test/helpers/collab-child.ts) that kills itself (SIGKILL) right after the
 * tick's store write commits, before anything of it is applied or relayed; nobody heard of the
 * edits, yet the store has them, a server started on the same file serves them, and the writer's
 * provider, reconnecting, sends again whatever the server lacks, without anything lost or doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { createTokenService } from '../../server/auth/tokens.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/store.js';
import { connect, storedDoc, storeHostedDebate, ticketFor, waitFor, type Client } from '../helpers/collab.js';
import { within } from '../helpers/wait.js';

const SCRIPT = fileURLToPath(new URL('../helpers/collab-child.ts', import.meta.url));
const SECRET = 's'.repeat(40);
const dir = mkdtempSync(join(tmpdir(), 'parley-tick-crash-'));
const file = join(dir, 'parley.db');
const children: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
let store: Store | null = null;

afterAll(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startChild(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, DB_FILE: file, TOKEN_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const port = await within(
    20_000,
    'the collab child to listen',
    new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{"port"'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      void exited.then((how) => reject(new Error(`collab child exited (${how}) before listening:\n${stderr}`)));
    }),
  );
  return { url: `http://127.0.0.1:${port}`, exited };
}

function open(base: string, docName: string, token?: string): Client {
  const client = connect(base, docName, token);
  cleanups.push(() => client.destroy());
  return client;
}

describe('SIGKILL between storing a tick and relaying it', () => {
  it('loses nothing: the store has the edits, a new server serves them, the resent ones are no-ops', async () => {
    store = await openSqliteStore(file);
    const { userId: hostId, debateId } = await storeHostedDebate(store, 'host');
    const docName = `debate/${debateId}/position/p1`;
    const token = createTokenService(SECRET, 900).signAccess({ sub: hostId, role: 'reader', name: 'host' });

    const first = await startChild({ CRASH_AFTER_STORE: '1' });
    const writer = open(first.url, docName, token);
    const witness = open(first.url, docName);
    await Promise.all([writer.synced, witness.synced]);
    // Three keystrokes in one go: their tick (all three, unless the network split them over two
    // ticks) is stored in one write, then the server dies.
    const text = writer.doc.getText('plain');
    for (const ch of 'abc') text.insert(text.length, ch);
    expect(await within(20_000, 'the server to die after its store write', first.exited)).toBe('SIGKILL');

    // Nobody heard of the edits (the relay never ran), yet they are stored.
    expect(witness.doc.getText('plain').toString()).toBe('');
    expect((await store.loadDoc(docName)).updates).toHaveLength(1);
    const stored = (await storedDoc(store, docName)).getText('plain').toString();
    expect(['a', 'ab', 'abc']).toContain(stored);

    // A server started on the same file serves them to whoever connects.
    const second = await startChild();
    const reader = open(second.url, docName);
    await reader.synced;
    expect(reader.doc.getText('plain').toString()).toBe(stored);

    // The writer and the witness come back (the stock provider would, to whichever server answers):
    // the writer's sync step 2 resends what it holds, which the server already has.
    for (const doc of [writer.doc, witness.doc]) {
      const params: Record<string, string> =
        doc === writer.doc ? { ticket: await ticketFor(second.url, docName, token) } : {};
      const provider = new WebsocketProvider(`${second.url.replace(/^http/, 'ws')}/collab`, docName, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params,
        disableBc: true,
        shouldReconnect: () => false,
      });
      cleanups.push(() => provider.destroy());
    }
    await waitFor(() => witness.doc.getText('plain').toString() === 'abc', 'the witness to get the edits');
    text.insert(text.length, 'd');
    // The reader and the witness hear the edit over separate sockets: wait for each, not one then the other.
    await waitFor(() => reader.doc.getText('plain').toString() === 'abcd', 'a later edit to reach the reader');
    await waitFor(() => witness.doc.getText('plain').toString() === 'abcd', 'a later edit to reach the witness');
    expect((await storedDoc(store, docName)).getText('plain').toString()).toBe('abcd');
  });
});
