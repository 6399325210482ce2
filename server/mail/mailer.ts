/**
 * Outgoing e-mail (SMTP_URL, MAIL_FROM): one small interface the domain sends through, so use
 * cases never see nodemailer and tests can pass a fake. Without SMTP_URL there is no mailer (null)
 * and callers fall back (an admin hands out reset links, digests are not sent).
 */
import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';

/** One plain-text message to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends one message; rejects when the SMTP server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'Parley <parley@localhost>';

/**
 * A mailer sending through the SMTP server of `smtpUrl` (smtp:// or smtps://, credentials in the
 * URL), from `from`; null when `smtpUrl` is unset or empty. Nothing connects until the first send.
 */
export function createMailer(
  smtpUrl: string | undefined,
  log: Pick<Logger, 'info' | 'warn'>,
  from: string = DEFAULT_MAIL_FROM,
): Mailer | null {
  if (!smtpUrl) return null;
  const transport = createTransport(smtpUrl);
  log.info({ smtp: redactUrl(smtpUrl) }, 'mail: SMTP');
  return {
    async send(message) {
      try {
        await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      } catch (err) {
        log.warn({ err, subject: message.subject }, 'mail not sent');
        throw err;
      }
    },
  };
}

/** The SMTP URL without its password, for the log. */
function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = 'redacted';
    return url.toString();
  } catch {
    return 'smtp';
  }
}
