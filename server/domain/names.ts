/**
 * Safe display names (issue 15): every name a user gets, by registering, through single sign-on or
 * by a rename, passes `assertNameAllowed`. Two names clash when their confusable skeletons are
 * equal: the UTS #39 skeleton (unhomoglyph) of the name's fold (shared/names.ts foldName: NFKC,
 * lower case, spaces and separators folded, look-alike digits as letters, edge punctuation gone).
 * Each user's skeleton is stored (indexed) so that the check is one lookup.
 */
import unhomoglyph from 'unhomoglyph';
import { foldName, mixedScriptWord, nameCharacterProblem, RESERVED_NAMES } from '../../shared/names.js';
import type { NewUser, UserRecord } from '../store/store.js';
import { AppError } from '../errors.js';
import type { Deps } from './deps.js';
import { nameKeyOf } from './users.js';

/**
 * The confusable skeleton of a name. The table is applied twice with lower-casing between, since
 * its prototypes may be capitals (`0` → `O`); then `i` and `l` are one letter, because `I`, `l`,
 * `1` and `|` look the same in the sans-serif type the site uses.
 */
export function nameSkeleton(name: string): string {
  // Capitals first (Cyrillic Н is a look-alike of H, its small н of nothing Latin), then small letters.
  const once = unhomoglyph(name.normalize('NFKC')).toLocaleLowerCase('und');
  const twice = unhomoglyph(once).toLocaleLowerCase('und');
  return foldName(twice.replace(/i/g, 'l'));
}

const RESERVED_SKELETONS = new Map(RESERVED_NAMES.map((name) => [nameSkeleton(name), name]));

/** How many users without a skeleton one pass fills in (a pass runs at start and before each check). */
const BACKFILL_BATCH = 500;

/**
 * Records the skeleton of every user who has none yet: users stored before issue 15, or written
 * to the store directly (demo seeding, another process's older code). Runs until none is left.
 */
export async function backfillNameSkeletons(deps: Pick<Deps, 'store'>): Promise<number> {
  let filled = 0;
  for (;;) {
    const users = await deps.store.listUsersWithoutNameSkeleton(BACKFILL_BATCH);
    for (const user of users) await deps.store.setUserNameSkeleton(user.id, nameSkeleton(user.name));
    filled += users.length;
    if (users.length < BACKFILL_BATCH) return filled;
  }
}

export interface NameCheck {
  /** The user being renamed: their own current name does not count against them. */
  exceptUserId?: string;
  /** Reserved words refuse registrations and renames; an admin-created account may pass them. */
  allowReserved?: boolean;
}

/**
 * Throws the refusal a person can act on, in this order: NAME_INVALID_CHARACTERS (invisible,
 * control or bidi characters, odd spaces), NAME_RESERVED (a staff word, by skeleton),
 * NAME_MIXED_SCRIPTS (two alphabets in one word), NAME_TAKEN (the same name), NAME_TAKEN_LOOKALIKE
 * (a name with the same skeleton). Resolves with the skeleton to store for the name.
 */
export async function assertNameAllowed(
  deps: Pick<Deps, 'store'>,
  name: string,
  check: NameCheck = {},
): Promise<string> {
  assertNameCharacters(name);
  const skeleton = nameSkeleton(name);
  const reserved = RESERVED_SKELETONS.get(skeleton);
  if (reserved && !check.allowReserved)
    throw new AppError(
      'NAME_RESERVED',
      `That name looks like “${reserved}”, a name kept for the site; choose another.`,
    );
  const mixed = mixedScriptWord(name);
  if (mixed)
    throw new AppError(
      'NAME_MIXED_SCRIPTS',
      `“${mixed}” mixes letters of two alphabets, which makes it look like another word; write it in one.`,
    );
  const same = await deps.store.getUserByNameKey(nameKeyOf(name));
  if (same && same.id !== check.exceptUserId) throw new AppError('NAME_TAKEN');
  await backfillNameSkeletons(deps);
  const lookalikes = await deps.store.findUsersByNameSkeleton(skeleton, 2);
  const other = lookalikes.find((user) => user.id !== check.exceptUserId);
  if (other)
    throw new AppError(
      'NAME_TAKEN_LOOKALIKE',
      `That name looks too much like “${other.name}”, who is already here; choose another.`,
    );
  return skeleton;
}

/** NAME_INVALID_CHARACTERS for invisible, control or bidi characters and anything names may not hold. */
export function assertNameCharacters(name: string): void {
  const problem = nameCharacterProblem(name);
  if (problem) throw new AppError('NAME_INVALID_CHARACTERS', problem);
}

/**
 * The name a single sign-on user gets from the publisher's `name`: invisible and disallowed
 * characters dropped (the publisher's name cannot be refused: the person must still get in),
 * spaces folded; a short fallback when nothing is left.
 */
export function cleanSsoName(name: string): string {
  const cleaned = [...name.normalize('NFKC')]
    .map((ch) => (/\s/u.test(ch) ? ' ' : ch))
    .filter((ch) => nameCharacterProblem(ch) === undefined)
    .join('')
    .replace(/ {2,}/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim()
    .slice(0, 34);
  return cleaned.length >= 2 ? cleaned : 'reader';
}

/**
 * Whether `name` may be used as is (no character, reserved, mixed-script or clash refusal): the
 * single sign-on path tries the publisher's name, then suffixed variants, with this.
 */
export async function nameIsFree(deps: Pick<Deps, 'store'>, name: string): Promise<boolean> {
  try {
    await assertNameAllowed(deps, name);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith('NAME_')) return false;
    throw err;
  }
}

/** Creates the user and records the skeleton of their name (for users whose name was checked already). */
export async function createUserWithSkeleton(deps: Pick<Deps, 'store'>, user: NewUser): Promise<UserRecord> {
  const created = await deps.store.createUser(user);
  await deps.store.setUserNameSkeleton(created.id, nameSkeleton(created.name));
  return created;
}
