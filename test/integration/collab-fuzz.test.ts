/**
 * Hostile traffic on /collab: random bytes, mutated and truncated Yjs messages, wrong message
 * types, oversized updates and awareness, a document pushed past its size limit, updates that
 * depend on state the server never had. Each closes only the connection that sent it; editors on
 * the same document keep working, and the stored document stays loadable and equal to what the
 * editors hold.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import {
  connect,
  pong,
  rawSocket,
  setUpDebate,
  storedDoc,
  storeSigner,
  summaryOf,
  waitFor,
  type Client,
  type Roster,
  ticketFor,
} from '../helpers/collab.js';
import { WAIT_MS, within } from '../helpers/wait.js';

let t: TestServer;
let roster: Roster;
const clients: Client[] = [];

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
/** mulberry32: a small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const syncUpdate = (update: Uint8Array) => frame(uint(0), uint(2), bytes(update));
const awareness = (entries: Array<[number, number, string]>) =>
  frame(
    uint(1),
    bytes(
      frame(
        uint(entries.length),
        ...entries.flatMap(([id, clock, json]) => [
          uint(id),
          uint(clock),
          (e: encoding.Encoder) => encoding.writeVarString(e, json),
        ]),
      ),
    ),
  );

/** A real update against the current summary: a paragraph of `text` appended. */
function realUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('summary').insert(doc.getXmlFragment('summary').length, [paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The editor and the witness of the first test: attacks use them to see the document's queue drain. */
let editor: Client;
let witness: Client;
let markers = 0;

/**
 * Resolves once the server has stored or refused every update queued on the document so far: it
 * runs a document's updates one at a time, in order, so a marker update from the editor that
 * reaches the witness comes after all of them (and after any close one of them caused).
 */
async function queueDrained(): Promise<void> {
  markers += 1;
  editor.doc.getMap('markers').set('n', markers);
  await waitFor(() => witness.doc.getMap('markers').get('n') === markers, 'a marker update at the witness');
}

/**
 * Opens a raw socket per attack, sends its frames, and answers how each ended: its close code, or
 * null when the server still answers once every update the frames queued was stored or refused.
 * No timer decides "still open": a close the frames cause always comes before that last answer.
 */
async function attackAll(
  doc: string,
  attacks: Array<{ frames: Array<Uint8Array | string>; token?: string }>,
): Promise<Array<number | null>> {
  const sockets = await Promise.all(
    attacks.map(async ({ frames, token }) => {
      const s = rawSocket(t.url, doc, token ? { ticket: await ticketFor(t.url, doc, token) } : {});
      // Admitted: the server's first sync step arrived (frames sent earlier would wait in its queue).
      await within(WAIT_MS, 'admission to the document', new Promise((resolve) => s.ws.once('message', resolve)));
      for (const f of frames) if (s.ws.readyState === s.ws.OPEN) s.ws.send(f);
      await pong(s.ws);
      return s;
    }),
  );
  await queueDrained();
  return Promise.all(
    sockets.map(async (s) => {
      if (await pong(s.ws)) {
        s.ws.close();
        return null;
      }
      return (await s.closed).code;
    }),
  );
}

/** One attack: its close code, or null when the server kept the connection open (see attackAll). */
async function attack(doc: string, frames: Array<Uint8Array | string>, token?: string): Promise<number | null> {
  return (await attackAll(doc, [{ frames, token }]))[0]!;
}

beforeAll(async () => {
  t = await startTestServer();
  roster = await setUpDebate(t.url, storeSigner(t.parley));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.destroy();
});

describe(`hostile /collab traffic (FUZZ_SEED=${SEED})`, () => {
  it('closes each bad connection only, never with a server error, and keeps the document whole', async () => {
    editor = connect(t.url, roster.forDoc, roster.tokens.alice);
    witness = connect(t.url, roster.forDoc, roster.tokens.host);
    clients.push(editor, witness);
    await Promise.all([editor.synced, witness.synced]);
    Y.applyUpdate(editor.doc, realUpdate(editor.doc, 'The baseline paragraph.'));
    await waitFor(() => summaryOf(witness.doc) === summaryOf(editor.doc), 'the baseline to reach the witness');
    const host = roster.tokens.host;
    const codes: Array<number | null> = [];

    // Random frames, from an editor (so they reach the update pipeline) and from a guest.
    for (let batch = 0; batch < 6; batch++) {
      codes.push(
        ...(await attackAll(
          roster.forDoc,
          Array.from({ length: 10 }, (_, i) => ({
            frames: Array.from({ length: 3 }, () => randomBytes(1 + Math.floor(random() * 200))),
            ...(i % 2 ? { token: host } : {}),
          })),
        )),
      );
    }
    // Valid headers with random payloads, and real updates bit-flipped or cut short.
    const real = realUpdate(editor.doc, 'x'.repeat(50));
    const mutants: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) {
      const m = real.slice();
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++)
        m[Math.floor(random() * m.length)] = Math.floor(random() * 256);
      mutants.push(m);
      mutants.push(real.slice(0, Math.floor(random() * real.length)));
    }
    for (let i = 0; i < mutants.length; i += 20) {
      codes.push(
        ...(await attackAll(
          roster.forDoc,
          mutants.slice(i, i + 20).map((m) => ({ frames: [syncUpdate(m)], token: host })),
        )),
      );
    }
    codes.push(
      ...(await attackAll(
        roster.forDoc,
        [0, 1, 2].map((step) => ({ frames: [frame(uint(0), uint(step), bytes(randomBytes(64)))], token: host })),
      )),
    );
    expect(codes.filter((c) => c !== null && c !== 4000)).toEqual([]);

    // Truncated messages and wrong message types close with 4000.
    const wellFormed = syncUpdate(real);
    for (const cut of [1, 2, 3, Math.floor(wellFormed.length / 2), wellFormed.length - 1]) {
      expect(await attack(roster.forDoc, [wellFormed.slice(0, cut)], host)).toBe(4000);
    }
    for (const wrong of [
      frame(uint(2), uint(0), (e) => encoding.writeVarString(e, 'x')),
      frame(uint(7)),
      frame(uint(0), uint(9), bytes(real)),
      frame(uint(3), uint(1)),
      'a text frame',
    ]) {
      expect(await attack(roster.forDoc, [wrong], host)).toBe(4000);
    }
    // Oversized: an update past 256 KB (4009); a frame past the socket's own limit (1009).
    const huge = realUpdate(editor.doc, 'y'.repeat(300_000));
    expect(await attack(roster.forDoc, [syncUpdate(huge)], host)).toBe(4009);
    expect(await attack(roster.forDoc, [new Uint8Array(2_000_000)], host)).toBe(1009);
    // Awareness: a huge state, too many entries, bad JSON (4009 / 4000 / 4000).
    expect(await attack(roster.forDoc, [awareness([[7, 1, JSON.stringify({ blob: 'z'.repeat(20_000) })]])], host)).toBe(
      4009,
    );
    expect(
      await attack(
        roster.forDoc,
        [awareness(Array.from({ length: 300 }, (_, i) => [i + 1, 1, '{}'] as [number, number, string]))],
        host,
      ),
    ).toBe(4000);
    expect(await attack(roster.forDoc, [awareness([[7, 1, '{not json']])], host)).toBe(4000);
    expect(await attack(roster.forDoc, [awareness([[7, 1, '[1,2]']])], host)).toBe(4000);
    // An update that needs changes the server never had is refused, not left pending.
    const elsewhere = new Y.Doc();
    elsewhere.getText('plain').insert(0, 'unknown base');
    const base = Y.encodeStateVector(elsewhere);
    elsewhere.getText('plain').insert(0, 'depends on it ');
    expect(await attack(roster.forDoc, [syncUpdate(Y.encodeStateAsUpdate(elsewhere, base))], host)).toBe(4000);

    // The editors never noticed; editing goes on; the stored document is loadable and equal.
    expect(editor.closes).toEqual([]);
    expect(witness.closes).toEqual([]);
    Y.applyUpdate(editor.doc, realUpdate(editor.doc, 'Still editing.'));
    await waitFor(
      () => summaryOf(witness.doc) === summaryOf(editor.doc) && summaryOf(witness.doc).includes('Still editing.'),
      'editing after the attacks',
    );
    const stored = await storedDoc(t.parley.deps.store, roster.forDoc);
    expect(summaryOf(stored)).toBe(summaryOf(editor.doc));
    expect(summaryOf(stored)).toContain('The baseline paragraph.');
    expect(stored.getText('plain').toString()).toBe('');
    expect((await api(t.url, `/api/debates/${roster.debateId}`)).status).toBe(200);
  });

  it('stops a document at its size limit (4013) and keeps what was stored before', async () => {
    const carol = connect(t.url, roster.againstDoc, roster.tokens.carol);
    clients.push(carol);
    await carol.synced;
    const host = rawSocket(t.url, roster.againstDoc, {
      ticket: await ticketFor(t.url, roster.againstDoc, roster.tokens.host),
    });
    await host.opened;
    const local = new Y.Doc();
    let accepted = 0;
    let closed: { code: number; reason: string } | null = null;
    void host.closed.then((c) => (closed = c));
    // 200 KB updates (random text compresses nothing) until the 2 MB limit refuses one.
    for (let i = 0; i < 15 && !closed; i++) {
      const before = Y.encodeStateVector(local);
      local
        .getText('plain')
        .insert(local.getText('plain').length, Buffer.from(randomBytes(150_000)).toString('base64'));
      host.ws.send(syncUpdate(Y.encodeStateAsUpdate(local, before)));
      // Stored and relayed (carol has it), or refused (the connection closes).
      await waitFor(
        () => closed !== null || carol.doc.getText('plain').length === local.getText('plain').length,
        'the update at carol, or a close',
      );
      if (!closed) accepted++;
    }
    await waitFor(() => closed !== null, 'the size limit');
    expect(closed).toEqual({ code: 4013, reason: 'DOCUMENT_TOO_LARGE' });
    expect(accepted).toBeGreaterThanOrEqual(9);
    const stored = await storedDoc(t.parley.deps.store, roster.againstDoc);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    await waitFor(
      () => carol.doc.getText('plain').length === stored.getText('plain').length,
      'carol to hold what was stored',
    );
    expect(carol.closes).toEqual([]);
  });
});
