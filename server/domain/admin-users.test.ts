import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/types.js';
import { listUsersForAdmin, setRoleAsAdmin } from './admin-users.js';
import { createMemoryDeps, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let m: MemoryDeps;
beforeEach(async () => {
  m = await createMemoryDeps();
});
afterEach(() => m.close());

async function user(name: string, role: Role): Promise<Actor> {
  const u = await m.deps.store.createUser({
    name,
    nameKey: name.toLowerCase(),
    passwordHash: null,
    role,
    email: name === 'Ann' ? 'ann@news.example' : null,
    ssoProvider: null,
    ssoSubject: null,
  });
  return { id: u.id, name: u.name, role: u.role };
}
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (err: { code?: string }) => err.code ?? String(err),
  );

describe('admin user list and roles', () => {
  it('lists users by name prefix a page at a time, to admins only', async () => {
    const admin = await user('Root', 'admin');
    const reader = await user('Ann', 'reader');
    await user('Anders', 'moderator');
    await user('Bo', 'reader');
    expect(await codeOf(listUsersForAdmin(m.deps, reader, {}))).toBe('FORBIDDEN');
    expect(await codeOf(listUsersForAdmin(m.deps, null, {}))).toBe('UNAUTHENTICATED');
    const first = await listUsersForAdmin(m.deps, admin, { name: 'AN', limit: 1 });
    expect(first.items).toEqual([expect.objectContaining({ name: 'Anders', role: 'moderator', hasEmail: false })]);
    const second = await listUsersForAdmin(m.deps, admin, { name: 'an', limit: 1, after: first.next! });
    expect(second.items).toEqual([expect.objectContaining({ name: 'Ann', hasEmail: true })]);
    expect(second.items[0]).not.toHaveProperty('email');
    expect(second.next).toBeNull();
    expect((await listUsersForAdmin(m.deps, admin, {})).items).toHaveLength(4);
  });

  it('changes a role with an audit entry and a roleChanged message; keeps the last admin', async () => {
    const admin = await user('Root', 'admin');
    const reader = await user('Ann', 'reader');
    expect(await codeOf(setRoleAsAdmin(m.deps, reader, admin.id, 'reader'))).toBe('FORBIDDEN');
    expect(await setRoleAsAdmin(m.deps, admin, reader.id, 'moderator')).toMatchObject({ role: 'moderator' });
    expect((await m.deps.store.getUser(reader.id))?.role).toBe('moderator');
    expect(m.bus.of('roleChanged')).toEqual([{ userId: reader.id, role: 'moderator' }]);
    const audit = await m.deps.store.listAudit({ targetUserId: reader.id, limit: 5 });
    expect(audit.items).toMatchObject([
      { action: 'user.role', actorId: admin.id, before: { role: 'reader' }, after: { role: 'moderator' } },
    ]);

    // The only admin cannot step down; with a second admin they can.
    expect(await codeOf(setRoleAsAdmin(m.deps, admin, admin.id, 'reader'))).toBe('LAST_ADMIN');
    expect((await m.deps.store.getUser(admin.id))?.role).toBe('admin');
    await setRoleAsAdmin(m.deps, admin, reader.id, 'admin');
    expect(await setRoleAsAdmin(m.deps, admin, admin.id, 'host')).toMatchObject({ role: 'host' });
    expect(await codeOf(setRoleAsAdmin(m.deps, { ...reader, role: 'admin' }, 'nobody', 'host'))).toBe('NOT_FOUND');
  });
});
