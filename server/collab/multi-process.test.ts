/**
 * Several collab servers on one store, in one test process: each "process" is its own startCollab
 * on its own HTTP server and its own connection to one SQLite file (as processes sharing DATA_DIR
 * have). Without a relay, what each accepted must survive the others' compactions (DESIGN rule 9),
 * and versions and restores must see it; with the Redis relay (a private redis-server), edits and
 * cursors cross processes live, a lost message is made good from the store, and so is a Redis
 * restart. The stock y-websocket provider is the client throughout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTokenService } from '../auth/tokens.js';
import { createLocalBus } from '../bus/bus.js';
import type { Deps } from '../domain/deps.js';
import type { Actor } from '../domain/users.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { connect, storedDoc, waitFor, type Client } from '../../test/helpers/collab.js';
import { serveTickets } from '../../test/helpers/ticket-route.js';
import { paragraphsOf, startOwnRedis, typeParagraph, type OwnRedis } from '../../test/helpers/collab-cluster.js';
import { createRedisDocRelay } from './relay-redis.js';
import type { DocRelay } from './relay.js';
import { startCollab, type Collab } from './server.js';
import { restoreVersion, takeVersion } from './versions.js';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const tokens = createTokenService('m'.repeat(32), 900);

interface Node {
  base: string;
  deps: Deps;
  store: Store;
  collab: Collab;
  relay: DocRelay | null;
  close(): Promise<void>;
}

let dir: string;
let file: string;
let docName: string;
let actors: { host: Actor; alice: Actor; bob: Actor };
let token: { host: string; alice: string; bob: string };
const nodes: Node[] = [];
const clients: Client[] = [];

/** One "process": its own store connection, collab server and (optionally) Redis relay. */
async function startNode(redisUrl?: string): Promise<Node> {
  const store = await openSqliteStore(file);
  const relay = redisUrl ? await createRedisDocRelay(redisUrl, log) : null;
  const deps = { store, tokens, bus: createLocalBus(), log, now: () => new Date() } as unknown as Deps;
  const server = createServer();
  const collab = startCollab(server, deps, {
    compactDebounceMs: 50,
    compactMaxWaitMs: 200,
    unloadAfterMs: 60_000,
    ...(relay ? { relay } : {}),
  });
  serveTickets(server, deps, collab);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const node: Node = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deps,
    store,
    collab,
    relay,
    async close() {
      await collab.close();
      await relay?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
  nodes.push(node);
  return node;
}

function open(node: Node, who: keyof typeof token): Client {
  const client = connect(node.base, docName, token[who]);
  clients.push(client);
  return client;
}

const textOf = (doc: Y.Doc) => paragraphsOf(doc).join('\n');

async function storedParagraphs(store: Store): Promise<string[]> {
  const doc = await storedDoc(store, docName);
  const paragraphs = paragraphsOf(doc);
  doc.destroy();
  return paragraphs;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-collab-multi-'));
  file = join(dir, 'parley.db');
  const setup = await openSqliteStore(file);
  const user = async (name: string): Promise<Actor> => {
    const u = await setup.createUser({
      name,
      nameKey: name,
      passwordHash: null,
      role: 'reader',
      email: null,
      ssoProvider: null,
      ssoSubject: null,
    });
    return { id: u.id, name: u.name, role: u.role };
  };
  actors = { host: await user('hostess'), alice: await user('alice'), bob: await user('bob') };
  token = {
    host: tokens.signAccess({ sub: actors.host.id, role: 'reader', name: 'hostess' }),
    alice: tokens.signAccess({ sub: actors.alice.id, role: 'reader', name: 'alice' }),
    bob: tokens.signAccess({ sub: actors.bob.id, role: 'reader', name: 'bob' }),
  };
  await setup.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const n of nodes.splice(0)) await n.close();
});

/** A fresh debate (For: alice and bob) per test, so each test has a document of its own. */
async function freshDocument(): Promise<void> {
  const setup = await openSqliteStore(file);
  const debate = await setup.createDebate({
    articleId: 'a',
    hostId: actors.host.id,
    motion: 'm',
    positions: [{ id: 'p1', name: 'For', debaterIds: [actors.alice.id, actors.bob.id] }],
  });
  await setup.close();
  docName = `debate/${debate.id}/position/p1`;
}

describe('two processes on one store, no relay', () => {
  it('keeps the paragraphs of editors on both processes through both compactions; a fresh process sees both', async () => {
    await freshDocument();
    const [a, b] = [await startNode(), await startNode()];
    // Both processes have the (empty) document loaded before either edit: each copy lacks the other's.
    const host = open(a, 'host');
    const alice = open(b, 'alice');
    await Promise.all([host.synced, alice.synced]);
    typeParagraph(host.doc, 'The host opens the case.');
    typeParagraph(alice.doc, 'The debater argues for peace.');
    const both = ['The debater argues for peace.', 'The host opens the case.'];
    await expectEventually(
      async () => JSON.stringify((await storedParagraphs(a.store)).sort()) === JSON.stringify(both),
      'both paragraphs stored',
    );
    // Each process compacts (debounced 50 ms, and again as its client leaves) merging what is
    // stored, never its own copy over it; once the log is empty, the snapshot alone holds both.
    host.provider.disconnect();
    alice.provider.disconnect();
    await expectEventually(async () => (await a.store.loadDoc(docName)).updates.length === 0, 'the compactions');
    expect((await storedParagraphs(a.store)).sort()).toEqual(both);
    const c = await startNode();
    const later = open(c, 'bob');
    await later.synced;
    expect(paragraphsOf(later.doc).sort()).toEqual(both);
  });

  it('interleaved edits and compactions on three processes lose nothing', async () => {
    await freshDocument();
    const ns = [await startNode(), await startNode(), await startNode()];
    const who = ['host', 'alice', 'bob'] as const;
    const editors = ns.map((n, i) => open(n, who[i]!));
    await Promise.all(editors.map((e) => e.synced));
    const typed: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [i, e] of editors.entries()) {
        const line = `${who[i]} line ${round}`;
        typeParagraph(e.doc, line);
        typed.push(line);
      }
      // Let the 50 ms debounce fire now and then, between rounds, so compactions interleave with edits.
      if (round % 2 === 1) await new Promise((r) => setTimeout(r, 80));
    }
    for (const e of editors) e.provider.disconnect();
    // Wait for the content itself, not a count: a paragraph counts before its last keystroke lands.
    const expected = JSON.stringify([...typed].sort());
    await expectEventually(async () => {
      const stored = await ns[0]!.store.loadDoc(docName);
      return stored.updates.length === 0 && JSON.stringify((await storedParagraphs(ns[0]!.store)).sort()) === expected;
    }, 'every edit stored and compacted');
    expect((await storedParagraphs(ns[0]!.store)).sort()).toEqual([...typed].sort());
  });

  it('takes a version and restores with what the other process stored', async () => {
    await freshDocument();
    const [a, b] = [await startNode(), await startNode()];
    const host = open(a, 'host');
    const alice = open(b, 'alice');
    await Promise.all([host.synced, alice.synced]);
    typeParagraph(host.doc, 'Host text.');
    typeParagraph(alice.doc, 'Alice text.');
    await expectEventually(async () => (await storedParagraphs(a.store)).length === 2, 'both paragraphs stored');
    // Process A took no update from B, yet its version holds B's paragraph: it read the store first.
    const version = await takeVersion(a.deps, actors.host, { doc: docName, name: 'Opening' });
    const saved = await a.store.getDocVersion(version.id);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, saved!.state);
    expect(paragraphsOf(copy).sort()).toEqual(['Alice text.', 'Host text.']);
    // The host on A sees Alice's paragraph now too: catching up relays what was new to A's connections.
    await waitFor(() => paragraphsOf(host.doc).length === 2, 'Alice’s paragraph at the host');
    typeParagraph(alice.doc, 'Alice, later.');
    await expectEventually(async () => (await storedParagraphs(a.store)).length === 3, 'the later paragraph stored');
    // Restoring on A removes B's later paragraph (A read it from the store), keeps the rest.
    const result = await restoreVersion(a.deps, actors.host, version.id);
    expect(result.seq).not.toBeNull();
    expect((await storedParagraphs(a.store)).sort()).toEqual(['Alice text.', 'Host text.']);
    const before = await a.store.getDocVersion(result.saved.id);
    const beforeDoc = new Y.Doc();
    Y.applyUpdate(beforeDoc, before!.state);
    expect(paragraphsOf(beforeDoc)).toContain('Alice, later.');
  });
});

/** Polls an async condition (store reads) with the generous cap of waitFor. */
async function expectEventually(check: () => Promise<boolean>, what: string): Promise<void> {
  let ok = false;
  const poll = async () => {
    ok = await check();
  };
  await poll();
  await waitFor(() => {
    if (!ok) void poll();
    return ok;
  }, what);
}

describe('two processes on one store, relayed over Redis', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it('relays edits live both ways, and cursors with their names; a late joiner on a third process gets both at once', async () => {
    await freshDocument();
    const [a, b] = [await startNode(redis.url), await startNode(redis.url)];
    const host = open(a, 'host');
    const alice = open(b, 'alice');
    await Promise.all([host.synced, alice.synced]);
    host.provider.awareness.setLocalStateField('user', { name: 'forged', color: '#aa0000' });
    host.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    alice.provider.awareness.setLocalStateField('user', { color: '#00aa00' });
    typeParagraph(host.doc, 'The host opens the case.');
    typeParagraph(alice.doc, 'The debater argues for peace.');
    await waitFor(
      () => textOf(host.doc) === textOf(alice.doc) && paragraphsOf(host.doc).length === 2,
      'both paragraphs on both processes',
    );
    const hostId = host.doc.clientID;
    const aliceId = alice.doc.clientID;
    await waitFor(
      () => alice.provider.awareness.getStates().get(hostId)?.cursor !== undefined,
      'the host’s cursor on B',
    );
    expect(alice.provider.awareness.getStates().get(hostId)).toMatchObject({
      user: { id: actors.host.id, name: 'hostess', color: '#aa0000' },
    });
    await waitFor(() => host.provider.awareness.getStates().has(aliceId), 'alice’s presence on A');
    expect(host.provider.awareness.getStates().get(aliceId)).toMatchObject({ user: { name: 'alice' } });

    // A third process loads the document now: the text from the store, the cursors on request
    // (the others answer its query at once, not at their next 15 s renewal).
    const c = await startNode(redis.url);
    const bob = open(c, 'bob');
    await bob.synced;
    expect(textOf(bob.doc)).toBe(textOf(host.doc));
    await waitFor(
      () => bob.provider.awareness.getStates().has(hostId) && bob.provider.awareness.getStates().has(aliceId),
      'both cursors on C',
      8_000,
    );
    // Echoes of remote cursors never become the echoing connection's own.
    bob.provider.awareness.setLocalStateField('user', { color: '#0000aa' });
    await waitFor(() => host.provider.awareness.getStates().get(bob.doc.clientID)?.user !== undefined, 'bob on A');
    expect(host.provider.awareness.getStates().get(aliceId)).toMatchObject({ user: { name: 'alice' } });

    // The host leaves A: the cursor goes on B and C at once (removal relayed, not a 30 s timeout).
    host.destroy();
    await waitFor(
      () => !alice.provider.awareness.getStates().has(hostId) && !bob.provider.awareness.getStates().has(hostId),
      'the host’s cursor gone on B and C',
      8_000,
    );
    typeParagraph(bob.doc, 'Bob adds a point.');
    await waitFor(() => paragraphsOf(alice.doc).includes('Bob adds a point.'), 'bob’s paragraph at alice');
  });

  it('makes good a lost message from the store, and catches up after Redis restarts', async () => {
    await freshDocument();
    const [a, b] = [await startNode(redis.url), await startNode(redis.url)];
    const host = open(a, 'host');
    const alice = open(b, 'alice');
    await Promise.all([host.synced, alice.synced]);
    typeParagraph(host.doc, 'First.');
    await waitFor(() => textOf(alice.doc) === 'First.', 'the first paragraph on B');

    // An update whose predecessor was stored but never published (its message lost): B cannot
    // apply it alone, reads the store, and gets both.
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(host.doc));
    let sv = Y.encodeStateVector(scratch);
    typeParagraph(scratch, 'Lost.');
    const lost = Y.encodeStateAsUpdate(scratch, sv);
    sv = Y.encodeStateVector(scratch);
    typeParagraph(scratch, 'After the lost one.');
    const after = Y.encodeStateAsUpdate(scratch, sv);
    await a.store.appendDocUpdate(docName, lost, actors.host.id);
    const seq = await a.store.appendDocUpdate(docName, after, actors.host.id);
    a.relay!.publish(docName, { type: 'update', seq, update: after });
    await waitFor(() => paragraphsOf(alice.doc).length === 3, 'the lost paragraph and the next on B');
    expect(paragraphsOf(alice.doc)).toEqual(['First.', 'Lost.', 'After the lost one.']);

    // Redis goes away; the host keeps typing on A (stored there); Redis comes back: B catches up.
    await redis.kill();
    typeParagraph(host.doc, 'Typed while Redis was down.');
    await expectEventually(
      async () => (await storedParagraphs(a.store)).includes('Typed while Redis was down.'),
      'the paragraph stored on A',
    );
    await redis.start();
    await waitFor(
      () => paragraphsOf(alice.doc).includes('Typed while Redis was down.'),
      'the paragraph on B after Redis came back',
    );
    typeParagraph(alice.doc, 'And on it goes.');
    await waitFor(() => paragraphsOf(host.doc).includes('And on it goes.'), 'live again from B to A');
    // A knew the lost paragraph only from the store; its connection got it when A caught up or compacted.
    await waitFor(() => textOf(host.doc) === textOf(alice.doc), 'the same text on both');
  });
});
