import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../test/helpers/wait.js';
import type { MailMessage, Mailer } from '../mail/mailer.js';
import { issueResetLinkAsAdmin, requestPasswordReset, resetPassword } from './account-recovery.js';
import { register, refresh, signIn } from './accounts.js';
import { createMemoryDeps, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let m: MemoryDeps;
let sent: MailMessage[];
const origin = 'http://parley.test';

beforeEach(async () => {
  m = await createMemoryDeps();
  sent = [];
  const mailer: Mailer = {
    async send(message) {
      sent.push(message);
    },
  };
  m.deps.mailer = mailer;
});
afterEach(() => m.close());

const tokenIn = (text: string): string => /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(text)![1]!;
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (err: { code?: string }) => err.code ?? String(err),
  );

async function mailedToken(email: string): Promise<string> {
  await requestPasswordReset(m.deps, { email, requestOrigin: origin });
  await waitUntil(() => sent.some((s) => s.to === email), `a reset e-mail to ${email}`);
  return tokenIn(sent.find((s) => s.to === email)!.text);
}

describe('password reset by e-mail', () => {
  it('mails a link whose token works once, sets the password and ends other sessions', async () => {
    const session = await register(m.deps, {
      name: 'Amina Khan',
      password: 'old password',
      email: 'amina@news.example',
    });
    const token = await mailedToken('AMINA@news.example'.toLowerCase());
    expect(sent[0]).toMatchObject({ to: 'amina@news.example', subject: 'Reset your Parley password' });
    expect(sent[0]!.text).toContain(`${origin}/reset-password?token=${token}`);
    expect(sent[0]!.text).toContain('Hello Amina Khan');

    await resetPassword(m.deps, { token, password: 'new password' });
    expect(await codeOf(resetPassword(m.deps, { token, password: 'third password' }))).toBe('RESET_TOKEN_INVALID');
    expect(await codeOf(signIn(m.deps, { name: 'Amina Khan', password: 'old password' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(signIn(m.deps, { name: 'Amina Khan', password: 'new password' }))).toBe('ok');
    // The session from before the reset cannot be refreshed.
    expect(await codeOf(refresh(m.deps, session.refreshToken))).toBe('REFRESH_INVALID');
  });

  it('refuses a token once 30 minutes have passed', async () => {
    await register(m.deps, { name: 'Bo', password: 'old password', email: 'bo@news.example' });
    const token = await mailedToken('bo@news.example');
    m.clock.advance(30 * 60_000 + 1);
    expect(await codeOf(resetPassword(m.deps, { token, password: 'new password' }))).toBe('RESET_TOKEN_INVALID');
    expect(await codeOf(signIn(m.deps, { name: 'Bo', password: 'old password' }))).toBe('ok');
  });

  it('answers the same for an unknown address and sends nothing; without a mailer it says so', async () => {
    await expect(requestPasswordReset(m.deps, { email: 'nobody@news.example', requestOrigin: origin })).resolves.toBe(
      undefined,
    );
    m.deps.mailer = null;
    expect(await codeOf(requestPasswordReset(m.deps, { email: 'x@news.example', requestOrigin: origin }))).toBe(
      'MAIL_UNAVAILABLE',
    );
    expect(sent).toEqual([]);
  });

  it('uses PUBLIC_URL for links, and sends none in production without it', async () => {
    await register(m.deps, { name: 'Cy', password: 'old password', email: 'cy@news.example' });
    m.deps.publicUrl = 'https://talk.news.example/';
    expect(tokenIn((await mailedToken('cy@news.example'), sent[0]!.text))).toHaveLength(43);
    expect(sent[0]!.text).toContain('https://talk.news.example/reset-password?token=');
    sent.length = 0;
    m.deps.publicUrl = null;
    await requestPasswordReset(m.deps, { email: 'cy@news.example', requestOrigin: 'http://evil.example' });
    expect(sent).toEqual([]);
  });
});

describe('reset links issued by an admin', () => {
  it('gives an admin a one-time link, records it in the audit log, and refuses others', async () => {
    const admin = await m.deps.store.createUser({
      name: 'Root',
      nameKey: 'root',
      passwordHash: null,
      role: 'admin',
      email: null,
      ssoProvider: null,
      ssoSubject: null,
    });
    const reader = await register(m.deps, { name: 'Dana', password: 'old password' });
    const asAdmin: Actor = { id: admin.id, name: admin.name, role: 'admin' };
    const asReader: Actor = { id: reader.user.id, name: 'Dana', role: 'reader' };
    expect(await codeOf(issueResetLinkAsAdmin(m.deps, asReader, reader.user.id, origin))).toBe('FORBIDDEN');
    expect(await codeOf(issueResetLinkAsAdmin(m.deps, asAdmin, 'no-such-user', origin))).toBe('NOT_FOUND');
    const { link, expiresAt } = await issueResetLinkAsAdmin(m.deps, asAdmin, reader.user.id, origin);
    expect(link.startsWith(`${origin}/reset-password?token=`)).toBe(true);
    expect(new Date(expiresAt).getTime() - m.clock.now().getTime()).toBe(30 * 60_000);
    const audit = await m.deps.store.listAudit({ targetUserId: reader.user.id, limit: 5 });
    expect(audit.items).toMatchObject([{ action: 'user.reset-link', actorId: admin.id }]);
    expect(JSON.stringify(audit.items)).not.toContain(tokenIn(link));
    await resetPassword(m.deps, { token: tokenIn(link), password: 'new password' });
    expect(await codeOf(signIn(m.deps, { name: 'Dana', password: 'new password' }))).toBe('ok');
  });
});
