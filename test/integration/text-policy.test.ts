/**
 * The text policy end to end (docs/PROTOCOL.md, "Text fields"): bidi controls and invisible
 * characters are refused with VALIDATION_FAILED naming the character, in a comment, a registration
 * name, an article title and a debate motion; Arabic and Urdu with ZWNJ is stored unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../client/src/realtime/requests.js';
import { connectSocket, newUser } from '../helpers/live.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import type { ParleyClientSocket } from '../../client/src/realtime/requests.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
/** Urdu with ZWNJ inside "ہم‌آہنگی", then Arabic. */
const URDU_AND_ARABIC = 'امن کے لیے ہم\u200Cآہنگی ضروری ہے۔ السلام عليكم';
const HOSTILE = [
  ['U+202E', 'see \u202Etxt.exe'],
  ['U+200B', 'zero\u200Bwidth'],
  ['U+2066', 'isolated \u2066text\u2069'],
] as const;

let t: TestServer;
let admin: string;
let socket: ParleyClientSocket;
let articleId: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await signInAs(t.url, 'admin');
  socket = await connectSocket(t.url, (await newUser(t.url, 'Writer')).token);
  articleId = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
});
afterAll(async () => {
  socket?.close();
  await t.destroy();
});

function refusedNaming(body: any, character: string) {
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(body.details)).toContain(character);
}

describe('text fields refuse invisible and direction-control characters', () => {
  it.each(HOSTILE)('a comment body with %s', async (character, text) => {
    const ack = await sendRequest(socket, 'comment:create', { articleId, body: text });
    expect(ack.ok).toBe(false);
    refusedNaming(!ack.ok && ack.error, character);
  });

  it.each(HOSTILE)('a registration name with %s', async (character, text) => {
    const res = await api(t.url, '/api/auth/register', {
      body: { name: text.replace(/[^\p{L}\p{Cf}]/gu, ''), password: 'password-for-tests' },
    });
    expect(res.status).toBe(400);
    refusedNaming(res.body.error, character);
  });

  it.each(HOSTILE)('an article title with %s', async (character, text) => {
    const res = await api(t.url, '/api/articles', { token: admin, body: { slug: 'titled', title: text, body: 'x' } });
    expect(res.status).toBe(400);
    refusedNaming(res.body.error, character);
  });

  it.each(HOSTILE)('a debate motion with %s', async (character, text) => {
    const hostId = (await api(t.url, '/api/me', { token: admin })).body.user.id;
    const res = await api(t.url, '/api/debates', {
      token: admin,
      body: { articleId, hostId, motion: text, positions: [{ name: 'For', debaterIds: [] }] },
    });
    expect(res.status).toBe(400);
    refusedNaming(res.body.error, character);
  });
});

describe('right-to-left writing with ZWNJ', () => {
  it('is stored and served unchanged in a comment', async () => {
    const ack = await sendRequest(socket, 'comment:create', { articleId, body: URDU_AND_ARABIC });
    expect(ack.ok).toBe(true);
    const page = await api(t.url, `/api/articles/${SLUG}/comments?limit=100&sort=new`);
    expect(page.body.items.map((c: { body: string }) => c.body)).toContain(URDU_AND_ARABIC);
  });

  it('is accepted unchanged in an article title', async () => {
    const res = await api(t.url, '/api/articles', {
      token: admin,
      body: { slug: 'urdu-title', title: URDU_AND_ARABIC, body: 'x' },
    });
    expect(res.status).toBe(201);
    expect(res.body.article.title).toBe(URDU_AND_ARABIC);
  });
});
