/**
 * What every actor of the soak shares: the server, the article, the counts, the ledger of
 * acknowledged writes and the signal that ends the load; and the accounts they act as.
 */
import type { Role } from '../../shared/types.js';
import { newUser } from '../../test/helpers/live.js';
import { api, signInAs } from '../../test/helpers/server.js';
import type { Ledger } from './ledger.js';
import type { Tally } from './tally.js';

export interface Account {
  token: string;
  userId: string;
  name: string;
  role: Role;
}

export interface Soak {
  base: string;
  slug: string;
  articleId: string;
  tally: Tally;
  ledger: Ledger;
  /** Aborts when the load phase ends: actors finish the action in flight and stop. */
  signal: AbortSignal;
  /** Makes every text the soak writes unique, so a body found somewhere names one write. */
  tag: string;
}

export interface Cast {
  host: Account;
  moderator: Account;
  admin: Account;
  writers: Account[];
  steady: Account[];
  churn: Account[];
  audience: Account[];
  debaters: Account[];
}

async function demo(base: string, name: 'host' | 'moderator' | 'admin'): Promise<Account> {
  const token = await signInAs(base, name);
  const { body } = await api(base, '/api/me', { token });
  return { token, userId: body.user.id, name, role: body.user.role };
}

async function fresh(base: string, name: string): Promise<Account> {
  const { token, userId } = await newUser(base, name);
  return { token, userId, name, role: 'reader' };
}

const many = (base: string, prefix: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => fresh(base, `${prefix}-${i}`)));

export async function castOf(
  base: string,
  n: { writers: number; steady: number; churn: number; audience: number; debaters: number },
): Promise<Cast> {
  const [host, moderator, admin] = [await demo(base, 'host'), await demo(base, 'moderator'), await demo(base, 'admin')];
  return {
    host,
    moderator,
    admin,
    writers: await many(base, 'soak-writer', n.writers),
    steady: await many(base, 'soak-steady', n.steady),
    churn: await many(base, 'soak-churn', n.churn),
    audience: await many(base, 'soak-audience', n.audience),
    debaters: await many(base, 'soak-debater', n.debaters),
  };
}
