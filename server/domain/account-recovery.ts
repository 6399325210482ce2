/**
 * Account recovery (issue 15): a forgotten password is replaced through a one-time link. The link
 * carries a random token (32 bytes); the store keeps only its SHA-256, for 30 minutes, and gives it
 * out once. With e-mail (SMTP_URL) the user asks for the link themselves; without it an admin issues
 * one from /admin/users and hands it over.
 */
import { createHash, randomBytes } from 'node:crypto';
import { RESET_TOKEN_TTL_MINUTES, type ResetLink } from '../../shared/account-admin.js';
import { hashPassword } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import type { UserRecord } from '../store/store.js';
import type { Deps } from './deps.js';
import { requireRole, type Actor } from './users.js';

const TTL_MS = RESET_TOKEN_TTL_MINUTES * 60_000;
/** Accounts one address may have; each gets its own link. */
const ACCOUNTS_PER_EMAIL = 5;

export const hashResetToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Where links point: PUBLIC_URL when set; else, outside production, the address the request came
 * to (`requestOrigin`); in production without PUBLIC_URL (deps.publicUrl null) there is none, since
 * a link built from a request's Host header could point to anyone's site.
 */
export function linkBase(deps: Pick<Deps, 'publicUrl'>, requestOrigin: string): string | null {
  if (deps.publicUrl === null) return null;
  return (deps.publicUrl || requestOrigin).replace(/\/+$/, '');
}

/** Stores a fresh token for the user and returns it (the only time its text exists). */
async function issueToken(deps: Deps, user: UserRecord): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + TTL_MS).toISOString();
  await deps.store.saveResetToken({
    tokenHash: hashResetToken(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, expiresAt };
}

const resetPath = (token: string) => `/reset-password?token=${encodeURIComponent(token)}`;

/**
 * Sends a reset link to every password account with this e-mail address. Resolves the same way
 * whether or not one exists, and before any mail goes out (sending runs after the answer), so
 * neither the answer nor its timing tells who has an account. MAIL_UNAVAILABLE without a mailer.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string; requestOrigin: string }): Promise<void> {
  const mailer = deps.mailer;
  if (!mailer) throw new AppError('MAIL_UNAVAILABLE');
  const base = linkBase(deps, input.requestOrigin);
  if (base === null) {
    deps.log.error('password reset asked for, but PUBLIC_URL is unset in production: no link sent');
    return;
  }
  const users = await deps.store.findUsersByEmail(input.email, ACCOUNTS_PER_EMAIL);
  // Single sign-on accounts sign in at the publisher; they have no password here to replace.
  const accounts = users.filter((u) => u.ssoProvider === null && u.email);
  const send = async () => {
    for (const user of accounts) {
      const { token } = await issueToken(deps, user);
      await mailer.send({
        to: user.email!,
        subject: 'Reset your Parley password',
        text: [
          `Hello ${user.name},`,
          '',
          'Someone (we hope you) asked to reset the password of your Parley account.',
          `Open this link within ${RESET_TOKEN_TTL_MINUTES} minutes to choose a new one (it works once):`,
          '',
          `${base}${resetPath(token)}`,
          '',
          'If you did not ask, ignore this e-mail: your password stays as it is.',
        ].join('\n'),
      });
      deps.log.info({ userId: user.id }, 'password reset link sent');
    }
  };
  void send().catch((err: unknown) => deps.log.warn({ err }, 'password reset e-mail failed'));
}

/**
 * Sets a new password with a reset token: the token is spent (used or not, it never works again),
 * the user's other reset links and every refresh token are revoked, so other sessions end when
 * their access token expires. RESET_TOKEN_INVALID for an unknown, used or expired token.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const record = await deps.store.consumeResetToken(hashResetToken(input.token), deps.now().toISOString());
  if (!record) throw new AppError('RESET_TOKEN_INVALID');
  const passwordHash = await hashPassword(input.password);
  const user = await deps.store.setUserPassword(record.userId, passwordHash);
  if (!user) throw new AppError('RESET_TOKEN_INVALID');
  await deps.store.deleteResetTokensOfUser(user.id);
  await deps.store.deleteRefreshTokensOfUser(user.id);
  deps.log.info({ userId: user.id }, 'password reset');
}

/**
 * An admin issues a one-time reset link for a user (the way back without e-mail). The link is
 * returned once and never stored; the audit log records that it was issued, not the link.
 */
export async function issueResetLinkAsAdmin(
  deps: Deps,
  actor: Actor | null,
  userId: string,
  requestOrigin: string,
): Promise<ResetLink> {
  const admin = requireRole(actor, 'admin');
  const user = await deps.store.getUser(userId);
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  const { token, expiresAt } = await issueToken(deps, user);
  await deps.store.appendAudit({
    articleId: null,
    commentId: null,
    targetUserId: user.id,
    actorId: admin.id,
    actorName: admin.name,
    action: 'user.reset-link',
    reason: null,
    before: null,
    after: { expiresAt },
    at: deps.now().toISOString(),
  });
  deps.log.info({ actor: admin.id, userId: user.id }, 'reset link issued by an admin');
  // Without a public address in production the admin gets the path, to put after the site's address.
  const base = linkBase(deps, requestOrigin) ?? '';
  return { link: `${base}${resetPath(token)}`, expiresAt };
}
