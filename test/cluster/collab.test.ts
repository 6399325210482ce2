/**
 * /collab across real processes: whole Parleys in child processes sharing one DATA_DIR (one SQLite
 * file) and, in the first suite, one REDIS_URL (a redis-server of this file's own, on a free port).
 *
 * The bug this guards against: a host on one process and a debater on another each wrote a
 * paragraph, and a process that opened the document later saw only one of them (one process's
 * compaction wrote its own copy over the other's). Stored documents only grow by merging (DESIGN
 * rule 9), and with Redis the processes act as one (rule 8): edits and cursors cross live.
 * Every wait is on an event or a condition, with generous caps.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startChildParley, type ChildParley } from '../helpers/child.js';
import { connect, httpSigner, rawSocket, setUpDebate, ticketFor, waitFor, type Client } from '../helpers/collab.js';
import { api } from '../helpers/server.js';
import { WAIT_MS, within } from '../helpers/wait.js';
import { paragraphsOf, REDIS_SERVER, startOwnRedis, typeParagraph, type OwnRedis } from '../helpers/collab-cluster.js';

const HOST_TEXT = 'The host opens: talks need a ceasefire first.';
const DEBATER_TEXT = 'The debater argues: trade routes make peace pay.';
const BOTH = [DEBATER_TEXT, HOST_TEXT].sort();

const children: ChildParley[] = [];
const clients: Client[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(children.splice(0).map((c) => c.kill()));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cluster-collab-'));
  dirs.push(dir);
  return dir;
}

/** Processes start one after another: the first one seeds the demo accounts into the empty store. */
async function startProcesses(dir: string, count: number, env: Record<string, string> = {}): Promise<ChildParley[]> {
  const started: ChildParley[] = [];
  for (let i = 0; i < count; i++) {
    const child = await startChildParley(dir, env);
    children.push(child);
    started.push(child);
  }
  return started;
}

function open(base: string, docName: string, token: string): Client {
  const client = connect(base, docName, token);
  clients.push(client);
  return client;
}

/** What a process loading the document now would read: the SQLite file beside the servers. */
function stored(dir: string, docName: string): { updates: number; paragraphs: string[] } {
  const db = new Database(join(dir, 'parley.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare<[string], { snapshot: Buffer | null; snapshot_seq: number }>(
        'SELECT snapshot, snapshot_seq FROM collab_docs WHERE doc_name = ?',
      )
      .get(docName);
    const updates = db
      .prepare<[string, number], { data: Buffer }>(
        'SELECT data FROM collab_updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
      )
      .all(docName, row?.snapshot_seq ?? 0);
    const doc = new Y.Doc();
    if (row?.snapshot) Y.applyUpdate(doc, row.snapshot);
    for (const u of updates) Y.applyUpdate(doc, u.data);
    const paragraphs = paragraphsOf(doc);
    doc.destroy();
    return { updates: updates.length, paragraphs };
  } finally {
    db.close();
  }
}

/** Child processes take seconds to start on a busy two-core machine; the waits inside are capped on their own. */
const SLOW_TEST_MS = 90_000;

const sorted = (a: string[]) => [...a].sort();
const same = (a: string[], b: string[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

describe.skipIf(!existsSync(REDIS_SERVER))('/collab on three processes sharing DATA_DIR and REDIS_URL', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it(
    'host on A and debater on B converge live, cursors cross with names, and C later sees both paragraphs',
    async () => {
      const dir = dataDir();
      const [a, b, c] = await startProcesses(dir, 3, { REDIS_URL: redis.url });
      const roster = await setUpDebate(a!.url, httpSigner(a!.url));
      const host = open(a!.url, roster.forDoc, roster.tokens.host);
      const alice = open(b!.url, roster.forDoc, roster.tokens.alice);
      await Promise.all([host.synced, alice.synced]);

      host.provider.awareness.setLocalStateField('user', { name: 'whoever', color: '#aa3300' });
      host.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 4 });
      alice.provider.awareness.setLocalStateField('user', { color: '#0033aa' });
      typeParagraph(host.doc, HOST_TEXT);
      typeParagraph(alice.doc, DEBATER_TEXT);

      // Live: each sees the other's paragraph, and both end with the same document.
      await waitFor(
        () => same(paragraphsOf(host.doc), BOTH) && same(paragraphsOf(alice.doc), BOTH),
        'both paragraphs at the host (A) and at the debater (B)',
      );
      await waitFor(
        () => paragraphsOf(host.doc).join('\n') === paragraphsOf(alice.doc).join('\n'),
        'the same paragraph order on both',
      );
      // Cursors cross processes, with the signed-in names stamped where each client is connected.
      const hostId = host.doc.clientID;
      const aliceId = alice.doc.clientID;
      await waitFor(
        () => alice.provider.awareness.getStates().get(hostId)?.cursor !== undefined,
        'the host’s cursor on B',
      );
      expect(alice.provider.awareness.getStates().get(hostId)).toMatchObject({
        user: { name: 'host', color: '#aa3300' },
        cursor: { anchor: 1, head: 4 },
      });
      await waitFor(() => host.provider.awareness.getStates().get(aliceId)?.user !== undefined, 'alice on A');
      expect(host.provider.awareness.getStates().get(aliceId)).toMatchObject({
        user: { name: 'alice', color: '#0033aa' },
      });

      // A reader on C, connected while they type on: live there too, and sees both cursors.
      const reader = open(c!.url, roster.forDoc, roster.tokens.reader);
      await reader.synced;
      expect(sorted(paragraphsOf(reader.doc))).toEqual(BOTH);
      await waitFor(
        () => reader.provider.awareness.getStates().has(hostId) && reader.provider.awareness.getStates().has(aliceId),
        'both cursors at the reader on C',
      );
      typeParagraph(alice.doc, 'A rebuttal from B.');
      await waitFor(() => paragraphsOf(reader.doc).includes('A rebuttal from B.'), 'the rebuttal at the reader on C');

      // Everyone leaves; the processes compact (merging what is stored). Then a fresh client on C
      // opens the document after the compaction and sees everything.
      host.destroy();
      alice.destroy();
      reader.destroy();
      const all = [...BOTH, 'A rebuttal from B.'];
      await waitFor(() => {
        const s = stored(dir, roster.forDoc);
        return s.updates === 0 && same(s.paragraphs, all);
      }, 'a compacted snapshot holding every paragraph');
      const later = open(c!.url, roster.forDoc, roster.tokens.bob);
      await later.synced;
      expect(sorted(paragraphsOf(later.doc))).toEqual(sorted(all));
    },
    SLOW_TEST_MS,
  );

  it(
    'a ticket asked of A opens B once; a debater editing on B and banned on A is read-only at once',
    async () => {
      const dir = dataDir();
      const [a, b] = await startProcesses(dir, 2, { REDIS_URL: redis.url });
      const roster = await setUpDebate(a!.url, httpSigner(a!.url));
      // Tickets live in Redis: one asked of A works on B, and only once.
      const ticket = await ticketFor(a!.url, roster.forDoc, roster.tokens.alice);
      const onB = rawSocket(b!.url, roster.forDoc, { ticket });
      // Admitted on B (its greeting arrived): the ticket is spent only then, so A is asked after.
      await waitFor(() => onB.received.length > 0, 'the ticket admitted on B');
      const onA = rawSocket(a!.url, roster.forDoc, { ticket });
      expect(await within(WAIT_MS, 'the spent ticket refused on A', onA.closed)).toEqual({
        code: 4001,
        reason: 'TICKET_INVALID',
      });
      onB.ws.close();

      const alice = open(b!.url, roster.forDoc, roster.tokens.alice);
      const host = open(a!.url, roster.forDoc, roster.tokens.host);
      const reader = open(b!.url, roster.forDoc, roster.tokens.reader);
      await within(WAIT_MS, 'three providers synced', Promise.all([alice.synced, host.synced, reader.synced]));
      typeParagraph(alice.doc, 'Before the ban.');
      await waitFor(() => paragraphsOf(reader.doc).includes('Before the ban.'), 'alice’s paragraph at the reader');

      const aliceId = (await api(a!.url, '/api/me', { token: roster.tokens.alice })).body.user.id as string;
      const banned = await api(a!.url, `/api/mod/users/${aliceId}/sanctions`, {
        token: roster.tokens.moderator,
        body: { kind: 'ban', reason: 'cluster ban' },
      });
      expect(banned.status).toBe(201);
      // The ban was given on A; alice edits on B. Her connection there turns read-only as soon as the
      // notice crosses Redis: a paragraph typed once B has it never reaches the reader or the store.
      const access = await api(b!.url, `/api/collab/access?doc=${encodeURIComponent(roster.forDoc)}`, {
        token: roster.tokens.alice,
      });
      expect(access.body.writeRefused).toMatchObject({ code: 'BANNED' });
      await waitFor(() => alice.denied.includes('BANNED'), 'the refusal at alice on B');
      typeParagraph(alice.doc, 'After the ban.');
      typeParagraph(host.doc, 'The host goes on.');
      await waitFor(() => paragraphsOf(reader.doc).includes('The host goes on.'), 'the host’s paragraph at the reader');
      expect(paragraphsOf(reader.doc)).not.toContain('After the ban.');
      expect(stored(dir, roster.forDoc).paragraphs).not.toContain('After the ban.');
    },
    SLOW_TEST_MS,
  );

  it(
    'drops the cursors of a process that dies (SIGKILL) on the others, by the awareness timeout',
    async () => {
      const dir = dataDir();
      const [a, b] = await startProcesses(dir, 2, { REDIS_URL: redis.url });
      const roster = await setUpDebate(a!.url, httpSigner(a!.url));
      const host = open(a!.url, roster.forDoc, roster.tokens.host);
      const alice = open(b!.url, roster.forDoc, roster.tokens.alice);
      await Promise.all([host.synced, alice.synced]);
      host.provider.awareness.setLocalStateField('cursor', { anchor: 0, head: 0 });
      const hostId = host.doc.clientID;
      await waitFor(
        () => alice.provider.awareness.getStates().get(hostId)?.cursor !== undefined,
        'the host’s cursor on B',
      );
      await a!.kill();
      // No removal can come from a killed process: the states time out (30 s without a renewal).
      await waitFor(
        () => !alice.provider.awareness.getStates().has(hostId),
        'the dead process’s cursor gone on B',
        50_000,
      );
      // B goes on without A: alice's paragraph is stored (publishing to nobody costs nothing).
      typeParagraph(alice.doc, DEBATER_TEXT);
      await waitFor(() => stored(dir, roster.forDoc).paragraphs.includes(DEBATER_TEXT), 'alice’s paragraph stored');
    },
    SLOW_TEST_MS + 30_000,
  );
});

describe('/collab on processes sharing DATA_DIR without Redis', () => {
  it(
    'keeps both paragraphs through both processes’ compactions: a process started later sees both',
    async () => {
      const dir = dataDir();
      const [a, b] = await startProcesses(dir, 2);
      const roster = await setUpDebate(a!.url, httpSigner(a!.url));
      // Both processes load the document before either edit, so each copy lacks the other's paragraph.
      const host = open(a!.url, roster.forDoc, roster.tokens.host);
      const alice = open(b!.url, roster.forDoc, roster.tokens.alice);
      await Promise.all([host.synced, alice.synced]);
      typeParagraph(host.doc, HOST_TEXT);
      typeParagraph(alice.doc, DEBATER_TEXT);
      await waitFor(() => same(stored(dir, roster.forDoc).paragraphs, BOTH), 'both paragraphs stored');
      // Leaving compacts at once on each process.
      host.destroy();
      alice.destroy();
      await waitFor(() => stored(dir, roster.forDoc).updates === 0, 'both compactions');
      expect(sorted(stored(dir, roster.forDoc).paragraphs)).toEqual(BOTH);
      const [c] = await startProcesses(dir, 1);
      const later = open(c!.url, roster.forDoc, roster.tokens.bob);
      await later.synced;
      expect(sorted(paragraphsOf(later.doc))).toEqual(BOTH);
    },
    SLOW_TEST_MS,
  );
});
