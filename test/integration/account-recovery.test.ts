/**
 * Issue 15 over HTTP: look-alike names refused at registration, password reset by e-mail through a
 * real SMTP server, admin reset links and role changes. The reset token's text is looked for in the
 * SQLite file itself.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js';

let smtp: TestSmtp;
let t: TestServer;
let noMail: TestServer;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Parley <noreply@news.example>' });
  noMail = await startTestServer();
});
afterAll(async () => {
  await t?.destroy();
  await noMail?.destroy();
  await smtp?.stop();
});

const tokenIn = (text: string): string => /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(text)![1]!;
const register = (server: TestServer, name: string, email?: string) =>
  api(server.url, '/api/auth/register', { body: { name, password: 'correct horse', ...(email ? { email } : {}) } });

describe('registration refuses names that look like others', () => {
  it('refuses each look-alike with its code and accepts different names', async () => {
    for (const name of ['Amina Khan', 'أمينة', 'Дмитрий', 'Amina Khani']) {
      const res = await register(t, name);
      expect(res.status, name).toBe(201);
    }
    const refusals: Array<[string, number, string]> = [
      ['mоderator', 409, 'NAME_RESERVED'],
      ['аdmin', 409, 'NAME_RESERVED'],
      ['h0st', 409, 'NAME_RESERVED'],
      ['host.', 409, 'NAME_RESERVED'],
      ['Amina  Khan', 409, 'NAME_TAKEN_LOOKALIKE'],
      ['Аmina Khan', 400, 'NAME_MIXED_SCRIPTS'],
      // Invisible letters the text policy lets through (a Hangul filler, a combining grapheme joiner)...
      ['Amina\u3164Khan', 400, 'NAME_INVALID_CHARACTERS'],
      ['Ami\u034Fna', 400, 'NAME_INVALID_CHARACTERS'],
      // ...while format characters (bidi controls, joiners) stay the text policy's VALIDATION_FAILED.
      ['\u202eAmina', 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, status, code] of refusals) {
      const res = await register(t, name);
      expect([name, res.status, res.body.error?.code]).toEqual([name, status, code]);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
  });
});

describe('password reset', () => {
  it('mails a one-time link; the new password works, the old one and old sessions do not', async () => {
    const reg = await register(t, 'Zara Reset', 'zara@news.example');
    expect(reg.status).toBe(201);
    const asked = await api(t.url, '/api/auth/reset/request', { body: { email: 'Zara@News.example' } });
    expect(asked.status).toBe(202);
    const unknown = await api(t.url, '/api/auth/reset/request', { body: { email: 'nobody@news.example' } });
    expect(unknown).toEqual(asked);
    const mail = await smtp.waitForMessage('zara@news.example');
    expect(mail.subject).toBe('Reset your Parley password');
    expect(mail.from).toBe('noreply@news.example');
    const token = tokenIn(mail.text);
    expect(mail.text).toContain(`${t.url}/reset-password?token=${token}`);

    // Stored only as its hash: the token's text is nowhere in the table.
    const db = new Database(join(t.dataDir, 'parley.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM password_reset_tokens').all();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(token);
    } finally {
      db.close();
    }

    const bad = await api(t.url, '/api/auth/reset', { body: { token: 'x'.repeat(43), password: 'new password' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'RESET_TOKEN_INVALID']);
    const done = await api(t.url, '/api/auth/reset', { body: { token, password: 'new password' } });
    expect(done.status).toBe(204);
    const again = await api(t.url, '/api/auth/reset', { body: { token, password: 'other password' } });
    expect(again.body.error.code).toBe('RESET_TOKEN_INVALID');
    const old = await api(t.url, '/api/auth/refresh', { body: { refreshToken: reg.body.refreshToken } });
    expect(old.body.error.code).toBe('REFRESH_INVALID');
    const oldPassword = await api(t.url, '/api/auth/sign-in', {
      body: { name: 'Zara Reset', password: 'correct horse' },
    });
    expect(oldPassword.status).toBe(401);
    const signIn = await api(t.url, '/api/auth/sign-in', { body: { name: 'Zara Reset', password: 'new password' } });
    expect(signIn.status).toBe(200);
  });

  it('sends nothing without SMTP_URL and says so', async () => {
    smtp.clear();
    await register(noMail, 'Yusuf', 'yusuf@news.example');
    const res = await api(noMail.url, '/api/auth/reset/request', { body: { email: 'yusuf@news.example' } });
    expect([res.status, res.body.error.code]).toEqual([503, 'MAIL_UNAVAILABLE']);
    expect(smtp.messages).toEqual([]);
  });
});

describe('admin routes', () => {
  it('list users, change roles with an audit trail, and issue reset links, for admins only', async () => {
    const admin = await signInAs(t.url, 'admin');
    const reader = await signInAs(t.url, 'reader');
    const refused = await api(t.url, '/api/admin/users', { token: reader });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const guest = await api(t.url, '/api/admin/users');
    expect(guest.status).toBe(401);

    const list = await api(t.url, '/api/admin/users?name=read&limit=5', { token: admin });
    expect(list.status).toBe(200);
    const target = list.body.items.find((u: { name: string }) => u.name === 'reader');
    expect(target).toMatchObject({ role: 'reader' });

    const changed = await api(t.url, `/api/admin/users/${target.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'host' },
    });
    expect(changed.body.user).toMatchObject({ name: 'reader', role: 'host' });
    const bad = await api(t.url, `/api/admin/users/${target.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'king' },
    });
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const me = (await api(t.url, '/api/me', { token: admin })).body.user;
    const last = await api(t.url, `/api/admin/users/${me.id}/role`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'reader' },
    });
    expect([last.status, last.body.error.code]).toEqual([409, 'LAST_ADMIN']);

    const link = await api(t.url, `/api/admin/users/${target.id}/reset-link`, {
      method: 'POST',
      token: admin,
      body: {},
    });
    expect(link.status).toBe(201);
    expect(link.body.link).toMatch(new RegExp(`^${t.url}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
    const used = await api(t.url, '/api/auth/reset', {
      body: { token: tokenIn(link.body.link), password: 'parley-reader' },
    });
    expect(used.status).toBe(204);
    const noLink = await api(t.url, `/api/admin/users/${target.id}/reset-link`, {
      method: 'POST',
      token: reader,
      body: {},
    });
    expect(noLink.status).toBe(403);
  });
});
