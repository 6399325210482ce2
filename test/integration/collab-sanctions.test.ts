/**
 * Sanctions reach /collab: a debater banned or muted while editing is made read-only at once, on
 * the connection they have open; their later edits never reach the store or the other editors,
 * their cursor goes, and the access route says why. Lifting the mute, or acknowledging a warning,
 * gives edit back at the next connection (the open one holds the refused edits: docs/COLLAB.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type * as Y from 'yjs';
import { api, startTestServer, type TestServer } from '../helpers/server.js';
import {
  connect,
  pong,
  setUpDebate,
  storedDoc,
  storeSigner,
  waitFor,
  type Client,
  type Roster,
} from '../helpers/collab.js';

let t: TestServer;
let roster: Roster;
const clients: Client[] = [];
const open = (doc: string, token?: string) => {
  const c = connect(t.url, doc, token);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  t = await startTestServer();
  roster = await setUpDebate(t.url, storeSigner(t.parley));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.destroy();
});

const userIdOf = async (token: string) => (await api(t.url, '/api/me', { token })).body.user.id as string;
const textOf = (c: Client | Y.Doc) => ('doc' in c ? c.doc : c).getText('plain').toString();
const type = (c: Client, s: string) => {
  const text = c.doc.getText('plain');
  text.insert(text.length, s);
};
const wsOf = (c: Client) => c.provider.ws as unknown as WebSocket;

/** Everything `writer` sent was handled (pong), and a later edit of `marker` reached `witness`: nothing earlier is still on its way. */
async function settle(writer: Client, marker: Client, witness: Client, mark: string): Promise<void> {
  await pong(wsOf(writer));
  type(marker, mark);
  await waitFor(() => textOf(witness).includes(mark), `the marker ${mark} at the witness`);
}

/** A fresh connection of `token`'s user to `doc` (a fresh document, as Parley's client opens) edits again. */
async function reopensEditable(token: string, doc: string, witness: Client, text: string): Promise<void> {
  const fresh = open(doc, token);
  await fresh.synced;
  type(fresh, text);
  await waitFor(() => textOf(witness).includes(text), `${text} at the witness`);
  expect(textOf(await storedDoc(t.parley.deps.store, doc))).toContain(text);
  expect(textOf(await storedDoc(t.parley.deps.store, doc))).not.toMatch(/MUTED|W#/);
}

async function sanction(token: string, kind: 'ban' | 'mute' | 'warn', minutes?: number) {
  const userId = await userIdOf(token);
  const { status, body } = await api(t.url, `/api/mod/users/${userId}/sanctions`, {
    token: roster.tokens.moderator,
    body: { kind, reason: `collab test ${kind}`, ...(minutes ? { minutes } : {}) },
  });
  expect(status).toBe(201);
  return body.sanction as { id: string };
}

describe('sanctions on /collab', () => {
  it('a debater banned while editing is read-only at once: later edits reach neither the store nor the others', async () => {
    const { alice, host } = roster.tokens;
    const doc = roster.forDoc;
    const [writer, other, guest] = [open(doc, alice), open(doc, host), open(doc)];
    await Promise.all([writer.synced, other.synced, guest.synced]);
    type(writer, 'before ');
    await waitFor(() => textOf(other) === 'before ', 'alice’s edit before the ban');
    const aliceCursor = writer.doc.clientID;
    writer.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    await waitFor(() => other.provider.awareness.getStates().has(aliceCursor), 'alice’s cursor at the host');

    await sanction(alice, 'ban');
    // The ban answered: alice's very next keystrokes are refused (the connection stays open, read-only).
    type(writer, 'after');
    await settle(writer, other, guest, '|host');
    expect(textOf(guest)).toBe('before |host');
    expect(textOf(await storedDoc(t.parley.deps.store, doc))).toBe('before |host');
    await waitFor(() => !other.provider.awareness.getStates().has(aliceCursor), 'alice’s cursor to go');
    expect(writer.denied).toEqual(['BANNED']);
    expect(writer.closes).toEqual([]);
    // The access route tells the client why it reads only.
    const access = (await api(t.url, `/api/collab/access?doc=${encodeURIComponent(doc)}`, { token: alice })).body;
    expect(access).toMatchObject({ canEdit: false, canManage: false, writeRefused: { code: 'BANNED' } });
    // A new connection is read-only from the start; persisting closes it with 4003 and the ban's code.
    const again = open(doc, alice);
    await again.synced;
    for (let i = 0; i < 5 && again.closes.length === 0; i++) {
      type(again, `x${i}`);
      await pong(wsOf(again)).catch(() => false);
    }
    await waitFor(() => again.closes.length > 0, 'the persistent writer to be closed');
    expect(again.closes[0]).toEqual({ code: 4003, reason: 'BANNED' });
    expect(textOf(await storedDoc(t.parley.deps.store, doc))).toBe('before |host');
  });

  it('a muted debater likewise, and lifting the mute gives edit back at the next connection', async () => {
    const { carol, host, moderator } = roster.tokens;
    const doc = roster.againstDoc;
    const [writer, other, guest] = [open(doc, carol), open(doc, host), open(doc)];
    await Promise.all([writer.synced, other.synced, guest.synced]);
    type(writer, 'a');
    await waitFor(() => textOf(other) === 'a', 'carol’s first edit');

    const mute = await sanction(carol, 'mute', 30);
    type(writer, 'MUTED');
    await settle(writer, other, guest, 'h');
    expect(textOf(guest)).toBe('ah');
    expect(textOf(await storedDoc(t.parley.deps.store, doc))).toBe('ah');
    const access = (await api(t.url, `/api/collab/access?doc=${encodeURIComponent(doc)}`, { token: carol })).body;
    expect(access.writeRefused).toMatchObject({ code: 'MUTED', meta: { reason: 'collab test mute' } });
    expect(access.writeRefused.meta.until).toEqual(expect.any(String));
    expect(writer.denied).toEqual(['MUTED']);

    expect((await api(t.url, `/api/mod/sanctions/${mute.id}`, { method: 'DELETE', token: moderator })).status).toBe(
      200,
    );
    await reopensEditable(carol, doc, other, 'lifted');
    expect(writer.closes).toEqual([]);
  });

  it('a warning not yet acknowledged keeps a debater from editing until they acknowledge it', async () => {
    const { bob, host } = roster.tokens;
    const doc = roster.forDoc;
    const warning = await sanction(bob, 'warn');
    const [writer, other, guest] = [open(doc, bob), open(doc, host), open(doc)];
    await Promise.all([writer.synced, other.synced, guest.synced]);
    const before = textOf(guest);
    type(writer, 'W');
    await settle(writer, other, guest, '#');
    expect(textOf(guest)).toBe(`${before}#`);
    expect(
      (await api(t.url, `/api/me/sanctions/${warning.id}/acknowledge`, { method: 'POST', token: bob })).status,
    ).toBe(200);
    await reopensEditable(bob, doc, other, 'acknowledged');
  });
});
