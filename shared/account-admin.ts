/**
 * Account recovery and the admin's user list (issue 15): request bodies both sides validate with,
 * and what the admin page shows of a user. Routes: docs/PROTOCOL.md, "Accounts: recovery and roles".
 */
import { z } from 'zod';
import { LIMITS, password } from './schemas.js';
import { ROLES, type Role } from './types.js';

/** A reset link lives this long (30 minutes) and works once. */
export const RESET_TOKEN_TTL_MINUTES = 30;

/** POST /api/auth/reset/request */
export const resetRequestBody = z.strictObject({ email: z.email().max(200) });
/** POST /api/auth/reset: the token from the link (43 base64url characters: 32 random bytes). */
export const resetPasswordBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a reset token'),
  password,
});
/** GET /api/admin/users: the start of a name ('' for everyone), a page at a time. */
export const adminUsersQuery = z.strictObject({
  name: z.string().max(LIMITS.nameMax).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).optional(),
  after: z.string().max(400).optional(),
});
/** PATCH /api/admin/users/:id/role */
export const adminRoleBody = z.strictObject({ role: z.enum(ROLES) });

/** A user as the admin page lists them. */
export interface AdminUser {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  /** Whether an e-mail address is on file (the address itself is not listed). */
  hasEmail: boolean;
  /** The single sign-on provider, or null for a password account. */
  ssoProvider: string | null;
}

/** The answer of POST /api/admin/users/:id/reset-link: shown to the admin once, never stored. */
export interface ResetLink {
  link: string;
  expiresAt: string;
}
