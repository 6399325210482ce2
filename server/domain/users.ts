/** How users are seen, named and authorised. */
import type { PublicUser, Role, SelfUser } from '../../shared/types.js';
import type { UserRecord } from '../store/store.js';
import { AppError } from '../errors.js';

/** The uniqueness key of a display name: width- and case-folded, so "Ａｄａ" and "ada" clash. */
export function nameKeyOf(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('und');
}

export const toPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt,
});

export const toSelfUser = (u: UserRecord): SelfUser => ({
  ...toPublicUser(u),
  email: u.email,
  ssoProvider: u.ssoProvider,
});

const RANK: Record<Role, number> = { reader: 0, host: 1, moderator: 2, admin: 3 };

/** The acting user as transports hand it to the domain. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** Throws UNAUTHENTICATED for guests and FORBIDDEN when the role is below `least`. */
export function requireRole(actor: Actor | null, least: Role): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (RANK[actor.role] < RANK[least]) throw new AppError('FORBIDDEN', `This needs the ${least} role.`);
  return actor;
}
