/**
 * npm run set-role -- <name> <reader|host|moderator|admin>
 * Gives a user a role straight in the configured store: the way to make the first admin of a
 * production install, where no demo accounts exist and only admins may change roles over HTTP.
 */
import { ROLES, type Role } from '../../shared/types.js';
import { loadConfig } from '../config/load.js';
import { nameKeyOf } from '../domain/users.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { join } from 'node:path';

const [name, role] = process.argv.slice(2);
if (!name || !role || !(ROLES as readonly string[]).includes(role)) {
  console.error(`usage: npm run set-role -- <name> <${ROLES.join('|')}>`);
  process.exit(64);
}

const config = loadConfig();
let store: Store;
if (config.MONGO_URL) {
  const { openMongoStore } = await import('../store/mongo/index.js');
  store = await openMongoStore(config.MONGO_URL);
} else {
  store = await openSqliteStore(join(config.DATA_DIR, 'parley.db'));
}
try {
  const user = await store.getUserByNameKey(nameKeyOf(name));
  if (!user) {
    console.error(`No user named "${name}". Register first, then run this again.`);
    process.exitCode = 1;
  } else {
    await store.setUserRole(user.id, role as Role);
    console.log(`${user.name} is now ${role}. The change applies to their next request.`);
  }
} finally {
  await store.close();
}
