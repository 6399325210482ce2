/**
 * Calls of account recovery and the admin's user page (issue 15; docs/PROTOCOL.md, "Accounts:
 * recovery and roles"). Each resolves with the answer's payload or rejects with an ApiError.
 */
import type { AdminUser, ResetLink } from '../../../shared/account-admin.js';
import type { Page, Role } from '../../../shared/types.js';
import { apiRequest } from './client.js';

/** POST /api/auth/reset/request: 202 whether or not the address has an account; 503 MAIL_UNAVAILABLE without e-mail. */
export async function requestPasswordReset(email: string): Promise<void> {
  await apiRequest<unknown>('/api/auth/reset/request', { method: 'POST', body: { email } });
}

/** POST /api/auth/reset: 204, or 400 RESET_TOKEN_INVALID for an unknown, used or expired link. */
export async function resetPassword(body: { token: string; password: string }): Promise<void> {
  await apiRequest<unknown>('/api/auth/reset', { method: 'POST', body });
}

/** GET /api/admin/users?name=&after= : users whose name starts with `name`, in name order. */
export function listAdminUsers(name: string, after: string | null, signal?: AbortSignal): Promise<Page<AdminUser>> {
  return apiRequest('/api/admin/users', {
    query: { name: name || undefined, after: after ?? undefined, limit: '25' },
    signal,
  });
}

/** PATCH /api/admin/users/:id/role -> the user as changed; 409 LAST_ADMIN keeps the last admin. */
export async function setUserRole(id: string, role: Role): Promise<AdminUser> {
  const answer = await apiRequest<{ user: AdminUser }>(`/api/admin/users/${encodeURIComponent(id)}/role`, {
    method: 'PATCH',
    body: { role },
  });
  return answer.user;
}

/** POST /api/admin/users/:id/reset-link -> a one-time link, valid 30 minutes, shown once. */
export function issueResetLink(id: string): Promise<ResetLink> {
  return apiRequest(`/api/admin/users/${encodeURIComponent(id)}/reset-link`, { method: 'POST', body: {} });
}
