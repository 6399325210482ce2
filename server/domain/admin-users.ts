/**
 * The admin's user list and role changes (issue 15, /admin/users). Every change is checked here,
 * server side, and written to the audit log; the role reaches the user's open tabs on every
 * process through the `roleChanged` topic (realtime/broadcast.ts).
 */
import type { AdminUser } from '../../shared/account-admin.js';
import type { Page, Role } from '../../shared/types.js';
import { AppError } from '../errors.js';
import type { UserRecord } from '../store/store.js';
import type { Deps } from './deps.js';
import { nameKeyOf, requireRole, type Actor } from './users.js';

export const toAdminUser = (u: UserRecord): AdminUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt,
  hasEmail: Boolean(u.email),
  ssoProvider: u.ssoProvider,
});

/** Users whose name starts with `name` (folded as names are compared: case and width), by name, a page at a time. */
export async function listUsersForAdmin(
  deps: Deps,
  actor: Actor | null,
  query: { name?: string | undefined; limit?: number | undefined; after?: string | undefined },
): Promise<Page<AdminUser>> {
  requireRole(actor, 'admin');
  const page = await deps.store.searchUsers({
    prefix: nameKeyOf((query.name ?? '').trim()),
    limit: query.limit ?? 25,
    ...(query.after ? { after: query.after } : {}),
  });
  return { items: page.items.map(toAdminUser), next: page.next };
}

/**
 * An admin gives a user another role. LAST_ADMIN when it would leave no admin (the last admin
 * demoting themselves); the same role again changes nothing and writes no audit entry.
 */
export async function setRoleAsAdmin(deps: Deps, actor: Actor | null, userId: string, role: Role): Promise<AdminUser> {
  const admin = requireRole(actor, 'admin');
  const target = await deps.store.getUser(userId);
  if (!target) throw new AppError('NOT_FOUND', 'No such user.');
  if (target.role === role) return toAdminUser(target);
  if (target.role === 'admin' && (await deps.store.countUsersWithRole('admin')) <= 1) {
    throw new AppError(
      'LAST_ADMIN',
      target.id === admin.id ? 'You are the only admin; make someone else admin before you step down.' : undefined,
    );
  }
  const updated = await deps.store.setUserRole(target.id, role);
  if (!updated) throw new AppError('NOT_FOUND', 'No such user.');
  await deps.store.appendAudit({
    articleId: null,
    commentId: null,
    targetUserId: target.id,
    actorId: admin.id,
    actorName: admin.name,
    action: 'user.role',
    reason: null,
    before: { role: target.role },
    after: { role },
    at: deps.now().toISOString(),
  });
  deps.log.info({ actor: admin.id, userId: target.id, from: target.role, to: role }, 'role changed');
  await deps.bus.publish('roleChanged', { userId: target.id, role });
  return toAdminUser(updated);
}
