/**
 * Position summaries edited together over /collab with the stock y-websocket WebsocketProvider:
 * editors converge, readers read and are refused, every refusal is a close code. Text is typed
 * into the Y.XmlFragment 'summary' (one paragraph holding a Y.XmlText), the shape TipTap binds to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
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
  ticketFor,
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

const paragraphText = (doc: Y.Doc): Y.XmlText =>
  (doc.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('collaborative summaries', () => {
  it('three editors typing at once converge; a reader sees it live, is refused, and the store never has the reader’s text', async () => {
    const { host, alice, bob, reader } = roster.tokens;
    const editors = [open(roster.forDoc, host), open(roster.forDoc, alice), open(roster.forDoc, bob)];
    await Promise.all(editors.map((e) => e.synced));
    const [first] = editors;
    first!.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Summary: ')]);
      first!.doc.getXmlFragment('summary').insert(0, [paragraph]);
    });
    await waitFor(() => editors.every((e) => summaryOf(e.doc) === summaryOf(first!.doc)), 'the paragraph everywhere');

    // Each editor types 40 characters at random places, in small bursts, while the others do too.
    const perEditor = 40;
    await Promise.all(
      editors.map(async (editor, n) => {
        for (let i = 0; i < perEditor; i++) {
          const text = paragraphText(editor.doc);
          text.insert(Math.floor(Math.random() * (text.length + 1)), '123'[n]!);
          if (Math.random() < 0.5) await new Promise((r) => setTimeout(r, Math.random() * 5));
        }
      }),
    );
    const expectedLength = 'Summary: '.length + 3 * perEditor;
    await waitFor(
      () =>
        editors.every(
          (e) => paragraphText(e.doc).length === expectedLength && summaryOf(e.doc) === summaryOf(first!.doc),
        ),
      'three editors to converge',
    );
    const final = paragraphText(first!.doc).toString();
    for (const letter of '123') expect(final.split(letter).length - 1).toBe(perEditor);

    // A reader gets the same text live.
    const readerClient = open(roster.forDoc, reader);
    await readerClient.synced;
    expect(summaryOf(readerClient.doc)).toBe(summaryOf(first!.doc));
    paragraphText(first!.doc).insert(0, '!');
    await waitFor(() => summaryOf(readerClient.doc) === summaryOf(first!.doc), 'the reader to see a live edit');

    // The reader types: each change is refused; the fifth closes the connection with 4003.
    const before = summaryOf(first!.doc);
    for (let i = 0; i < 5; i++) paragraphText(readerClient.doc).insert(0, `reader-${i} `);
    await waitFor(() => readerClient.closes.length > 0, 'the reader to be closed');
    expect(readerClient.closes[0]).toEqual({ code: 4003, reason: 'READ_ONLY' });
    // The editors are still connected and working. An edit made now reaches each of them after
    // anything the server could have relayed from the reader, so once they have it, the reader's
    // text would be there too: it is not, nor in the store (which has an update before it relays it).
    paragraphText(editors[2]!.doc).insert(0, 'still here ');
    await waitFor(() => editors.every((e) => summaryOf(e.doc).includes('still here')), 'editing to go on');
    const expected = before.replace('<paragraph>', '<paragraph>still here ');
    expect(editors.map((e) => summaryOf(e.doc))).toEqual([expected, expected, expected]);
    const stored = await storedDoc(t.parley.deps.store, roster.forDoc);
    expect(summaryOf(stored)).toBe(expected);
    expect(summaryOf(stored)).not.toContain('reader-');
    expect(editors.every((e) => e.closes.length === 0)).toBe(true);
  });

  it('lets guests read, moderators edit, and a debater of the other position only read', async () => {
    const guest = open(roster.againstDoc);
    const carol = open(roster.againstDoc, roster.tokens.carol);
    const moderator = open(roster.againstDoc, roster.tokens.moderator);
    await Promise.all([guest.synced, carol.synced, moderator.synced]);
    moderator.doc.getXmlFragment('summary').insert(0, [new Y.XmlElement('paragraph')]);
    (moderator.doc.getXmlFragment('summary').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('from the moderator')]);
    await waitFor(
      () => summaryOf(guest.doc).includes('from the moderator') && summaryOf(carol.doc).includes('from the moderator'),
      'guest and carol to read',
    );

    const access = async (doc: string, token?: string) =>
      (await api(t.url, `/api/collab/access?doc=${encodeURIComponent(doc)}`, { token })).body;
    expect(await access(roster.againstDoc)).toMatchObject({ canEdit: false, canManage: false });
    expect(await access(roster.againstDoc, roster.tokens.carol)).toMatchObject({ canEdit: true, canManage: false });
    expect(await access(roster.forDoc, roster.tokens.carol)).toMatchObject({ canEdit: false, canManage: false });
    expect(await access(roster.forDoc, roster.tokens.host)).toMatchObject({ canEdit: true, canManage: true });
    expect(await access(roster.forDoc, roster.tokens.moderator)).toMatchObject({ canEdit: true, canManage: true });
    expect((await api(t.url, '/api/collab/access?doc=debate/nope/position/nope')).status).toBe(404);
    expect((await api(t.url, '/api/collab/access?doc=not-a-doc')).status).toBe(400);

    // Carol, a debater of Against, cannot write into For.
    const intruder = open(roster.forDoc, roster.tokens.carol);
    await intruder.synced;
    for (let i = 0; i < 5; i++) intruder.doc.getText('plain').insert(0, 'x');
    await waitFor(() => intruder.closes.length > 0, 'carol to be closed on For');
    expect(intruder.closes[0]!.code).toBe(4003);
    expect((await storedDoc(t.parley.deps.store, roster.forDoc)).getText('plain').toString()).toBe('');
  });

  it('relays awareness of editors with their signed-in names, not of readers, and drops it when they leave', async () => {
    const { alice, bob, reader } = roster.tokens;
    const a = open(roster.forDoc, alice);
    const b = open(roster.forDoc, bob);
    const r = open(roster.forDoc, reader);
    await Promise.all([a.synced, b.synced, r.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Not Alice', color: '#ff8800' });
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 3 });
    r.provider.awareness.setLocalStateField('user', { name: 'A reader', color: '#000000' });
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.cursor !== undefined, 'alice’s cursor at bob');
    expect(b.provider.awareness.getStates().get(aId)).toMatchObject({
      user: { name: 'alice', color: '#ff8800' },
      cursor: { anchor: 1, head: 3 },
    });
    await waitFor(
      () => r.provider.awareness.getStates().get(aId)?.cursor !== undefined,
      'alice’s cursor at the reader',
    );
    // The server has read the reader's state (a pong came after it); alice's next move is read after
    // that, so it reaches bob after anything relayed from the reader.
    expect(await pong(r.provider.ws as unknown as WebSocket)).toBe(true);
    a.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.cursor?.anchor === 2, 'alice’s next move at bob');
    expect(b.provider.awareness.getStates().has(r.doc.clientID)).toBe(false);
    // A forged state for alice's client id, sent by bob's provider, is dropped.
    // (A higher clock than alice's, so a server that took it would overwrite her state.)
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, aId);
    encoding.writeVarUint(update, 1_000);
    encoding.writeVarString(update, JSON.stringify({ user: { name: 'forged' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
    b.provider.ws!.send(encoding.toUint8Array(e));
    // Bob's own next move is read after the forged state, so it reaches the reader after anything
    // relayed from it.
    b.provider.awareness.setLocalStateField('cursor', { anchor: 4, head: 4 });
    await waitFor(
      () => r.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.anchor === 4,
      'bob’s move at the reader',
    );
    expect(r.provider.awareness.getStates().get(aId)).toMatchObject({ user: { name: 'alice' } });
    a.destroy();
    await waitFor(
      () => !b.provider.awareness.getStates().has(aId) && !r.provider.awareness.getStates().has(aId),
      'alice’s cursor to go',
    );
  });

  it('refuses with close codes: bad, used, expired or misplaced tickets and tokens in the URL 4001, unknown debate or position 4004, malformed name 4000', async () => {
    const { host } = roster.tokens;
    const doc = roster.forDoc;
    const refusal = { code: 4001, reason: 'TICKET_INVALID' };
    expect(await rawSocket(t.url, doc, { ticket: 'not-a-ticket' }).closed).toEqual(refusal);
    expect(await rawSocket(t.url, doc, { ticket: 'A'.repeat(43) }).closed).toEqual(refusal);
    expect(await rawSocket(t.url, doc, { ticket: '' }).closed).toEqual(refusal);
    // An access token in the URL is refused even when it is valid: proxies and access logs keep URLs.
    expect(await rawSocket(t.url, doc, { token: host }).closed).toEqual(refusal);
    // A ticket works once.
    const ticket = await ticketFor(t.url, doc, host);
    const first = rawSocket(t.url, doc, { ticket });
    await first.opened;
    // Admitted: the server's greeting (sync step 1) arrived.
    await waitFor(() => first.received.length > 0, 'the first use admitted');
    expect(await rawSocket(t.url, doc, { ticket }).closed).toEqual(refusal);
    first.ws.close();
    // A ticket opens the document it was issued for, no other.
    expect(await rawSocket(t.url, roster.againstDoc, { ticket: await ticketFor(t.url, doc, host) }).closed).toEqual(
      refusal,
    );
    // Two tickets in one URL: refused, whichever would have worked.
    const [a, b] = await Promise.all([ticketFor(t.url, doc, host), ticketFor(t.url, doc, host)]);
    expect((await rawSocket(t.url, `${doc}?ticket=${a}&ticket=${b}` as string).closed).code).toBe(4001);
    // No ticket for a debate or position that does not exist: the HTTP request says so.
    const unknown = await api(t.url, '/api/collab/ticket', { token: host, body: { doc: 'debate/nope/position/x' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api(t.url, '/api/collab/ticket', { body: { doc } })).body.error.code).toBe('UNAUTHENTICATED');
    const unknownDebate = rawSocket(t.url, 'debate/no-such-debate/position/x');
    expect(await unknownDebate.closed).toEqual({ code: 4004, reason: 'NOT_FOUND' });
    const unknownPosition = rawSocket(t.url, `debate/${roster.debateId}/position/nope`);
    expect((await unknownPosition.closed).code).toBe(4004);
    for (const name of [
      '',
      'debate',
      'debate/a/position/b/c',
      'debate/a%2Fb/position/c',
      'debate/a%20b/position/c',
      'debate/%00/position/c',
    ]) {
      const malformed = rawSocket(t.url, name);
      expect((await malformed.closed).code).toBe(4000);
    }
    // socket.io on the same port is untouched.
    const polling = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(200);
  });

  it('re-checks open connections when the roster changes', async () => {
    const { host, bob } = roster.tokens;
    const bobClient = open(roster.forDoc, bob);
    const hostClient = open(roster.forDoc, host);
    await Promise.all([bobClient.synced, hostClient.synced]);
    const debate = (await api(t.url, `/api/debates/${roster.debateId}`)).body.debate;
    const [forPos, againstPos] = debate.positions;
    const patched = await api(t.url, `/api/debates/${roster.debateId}/roster`, {
      method: 'PATCH',
      token: host,
      body: {
        positions: [
          {
            id: forPos.id,
            name: forPos.name,
            debaterIds: forPos.debaterIds.filter((id: string) => debate.people[id] !== 'bob'),
          },
          { id: againstPos.id, name: againstPos.name, debaterIds: againstPos.debaterIds },
        ],
      },
    });
    expect(patched.status).toBe(200);
    // Bob is a reader now: his next edits are refused.
    const before = summaryOf(hostClient.doc);
    for (let i = 0; i < 5; i++) bobClient.doc.getXmlFragment('summary').insert(0, [new Y.XmlElement('heading')]);
    await waitFor(() => bobClient.closes.length > 0, 'bob to be closed');
    expect(bobClient.closes[0]!.code).toBe(4003);
    expect(summaryOf(hostClient.doc)).toBe(before);
  });
});
