import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp-server.js';
import { createMailer } from './mailer.js';

const log = pino({ level: 'silent' });
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

describe('createMailer', () => {
  it('is null without SMTP_URL', () => {
    expect(createMailer(undefined, log)).toBeNull();
    expect(createMailer('', log)).toBeNull();
  });

  it('delivers a plain-text message to the SMTP server', async () => {
    const mailer = createMailer(smtp.url, log, 'Parley <noreply@news.example>')!;
    const text = 'Hello Amina,\nyour link: http://localhost/reset-password?token=abc_DEF-123\n' + 'x'.repeat(100);
    await mailer.send({ to: 'amina@news.example', subject: 'Réinitialiser — Parley', text });
    const mail = await smtp.waitForMessage('amina@news.example');
    expect(mail.subject).toBe('Réinitialiser — Parley');
    expect(mail.from).toBe('noreply@news.example');
    expect(mail.text).toBe(text);
  });

  it('rejects when the SMTP server cannot be reached', async () => {
    const mailer = createMailer('smtp://127.0.0.1:1', log)!;
    await expect(mailer.send({ to: 'a@b.example', subject: 's', text: 't' })).rejects.toThrow();
  });
});
