/**
 * Account use cases: register, sign in, refresh, sign out, single sign-on and role changes. Each
 * successful sign-in returns a session: a short-lived access token and a single-use refresh token.
 */
import type { PublicUser, Role, SelfUser } from '../../shared/types.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../auth/passwords.js';
import { verifySsoToken } from '../auth/sso.js';
import { hashRefreshToken, newRefreshToken } from '../auth/tokens.js';
import { StoreConflictError, type UserRecord } from '../store/store.js';
import type { Deps } from './deps.js';
import { AppError } from '../errors.js';
import { nameKeyOf, toPublicUser, toSelfUser, type Actor } from './users.js';
import { assertNameAllowed, cleanSsoName, createUserWithSkeleton, nameIsFree } from './names.js';
import { setRoleAsAdmin } from './admin-users.js';

export interface Session {
  user: SelfUser;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

async function issueSession(deps: Deps, user: UserRecord): Promise<Session> {
  const { token, hash } = newRefreshToken();
  const expiresAt = new Date(deps.now().getTime() + deps.refreshTtlDays * 86_400_000).toISOString();
  await deps.store.saveRefreshToken({ tokenHash: hash, userId: user.id, expiresAt });
  return {
    user: toSelfUser(user),
    accessToken: deps.tokens.signAccess({ sub: user.id, role: user.role, name: user.name }),
    refreshToken: token,
    expiresIn: deps.tokens.accessTtlSeconds,
  };
}

export async function register(
  deps: Deps,
  input: { name: string; password: string; email?: string | undefined },
): Promise<Session> {
  // Look-alike, reserved and invisible-character names are refused before any work (names.ts).
  const skeleton = await assertNameAllowed(deps, input.name);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.store.createUser({
      name: input.name,
      nameKey: nameKeyOf(input.name),
      passwordHash,
      role: 'reader',
      email: input.email ?? null,
      ssoProvider: null,
      ssoSubject: null,
    });
    await deps.store.setUserNameSkeleton(user.id, skeleton);
    return await issueSession(deps, user);
  } catch (err) {
    if (err instanceof StoreConflictError) throw new AppError('NAME_TAKEN');
    throw err;
  }
}

export async function signIn(deps: Deps, input: { name: string; password: string }): Promise<Session> {
  const user = await deps.store.getUserByNameKey(nameKeyOf(input.name));
  // Spend the same scrypt time whether or not the user exists, so timing does not reveal names.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !user.passwordHash || !ok) throw new AppError('INVALID_CREDENTIALS');
  return issueSession(deps, user);
}

/** Trades a refresh token for a new session; the old refresh token is spent either way. */
export async function refresh(deps: Deps, refreshToken: string): Promise<Session> {
  const record = await deps.store.consumeRefreshToken(hashRefreshToken(refreshToken));
  if (!record) throw new AppError('REFRESH_INVALID');
  const user = await deps.store.getUser(record.userId);
  if (!user) throw new AppError('REFRESH_INVALID');
  return issueSession(deps, user);
}

export async function signOut(deps: Deps, refreshToken: string): Promise<void> {
  await deps.store.consumeRefreshToken(hashRefreshToken(refreshToken));
}

/** Verifies a publisher's token, refuses a replayed jti, and maps it to a local user. */
export async function signInWithSso(deps: Deps, token: string): Promise<Session> {
  if (!deps.sso) throw new AppError('SSO_INVALID', 'Single sign-on is not configured on this server.');
  const claims = verifySsoToken(token, deps.sso.secret, Math.floor(deps.now().getTime() / 1000));
  const fresh = await deps.store.claimSsoTokenId(claims.jti, new Date(claims.exp * 1000).toISOString());
  if (!fresh) throw new AppError('SSO_REPLAYED');
  const existing = await deps.store.getUserBySso(deps.sso.provider, claims.sub);
  if (existing) return issueSession(deps, existing);
  const user = await createSsoUser(deps, deps.sso.provider, claims.sub, claims.name, claims.email ?? null);
  return issueSession(deps, user);
}

/** Takes the publisher's name, or the name with a short suffix when a local account already has it. */
async function createSsoUser(
  deps: Deps,
  provider: string,
  subject: string,
  name: string,
  email: string | null,
): Promise<UserRecord> {
  // The publisher's name, cleaned of invisible characters; a suffixed one while it is taken, looks
  // like another or is reserved (names.ts); a plain "reader-…" name for the last tries.
  const base = cleanSsoName(name);
  for (let attempt = 0; attempt < 6; attempt++) {
    const suffix = Math.random().toString(36).slice(2, 6);
    const candidate = attempt === 0 ? base : attempt < 4 ? `${base.slice(0, 34)}-${suffix}` : `reader-${suffix}`;
    if (!(await nameIsFree(deps, candidate))) continue;
    try {
      return await createUserWithSkeleton(deps, {
        name: candidate,
        nameKey: nameKeyOf(candidate),
        passwordHash: null,
        role: 'reader',
        email,
        ssoProvider: provider,
        ssoSubject: subject,
      });
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err;
      // The same subject signing in twice at once: the other call made the user.
      if (err.field === 'sso') {
        const made = await deps.store.getUserBySso(provider, subject);
        if (made) return made;
      }
    }
  }
  throw new AppError('NAME_TAKEN', 'Could not find a free name for this account.');
}

/** An admin changes a user's role. The edge reads the role from the store per request, so it applies at once. */
export async function changeRole(deps: Deps, actor: Actor | null, userId: string, role: Role): Promise<PublicUser> {
  // One path for every role change (issue 15): audited, and the last admin is kept (admin-users.ts).
  await setRoleAsAdmin(deps, actor, userId, role);
  const updated = await deps.store.getUser(userId);
  if (!updated) throw new AppError('NOT_FOUND', 'No such user.');
  return toPublicUser(updated);
}
