/**
 * Named versions of collaborative documents: taken by the host or a moderator, taken for every
 * position of a debate at each phase change (issue 6 calls snapshotAllDocsOfDebate), listed and
 * viewed by anyone who may read the document, and restored by adding a change (restore.ts).
 * A version's state is read from the loaded document after its queued updates and after it took
 * in what the store has (edits accepted by other processes), so it holds everything stored when it
 * was asked; a restore likewise starts from the whole stored document (CollabDocument.exclusive).
 */
import * as Y from 'yjs';
import type { Deps } from '../domain/deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../domain/users.js';
import type { DocVersionInfo, DocVersionReason } from '../../shared/collab.js';
import type { DocVersionRecord } from '../store/collab-store.js';
import { positionDocName } from '../../shared/doc-names.js';
import type { ResolvedDocAccess } from './permissions.js';
import { documentsOf } from './registry.js';
import { restoreUpdateFor } from './restore.js';

const withoutState = ({ state: _state, ...info }: DocVersionRecord): DocVersionInfo => info;

async function requireManager(
  deps: Deps,
  actor: Actor | null,
  docName: string,
): Promise<{ actor: Actor; access: ResolvedDocAccess }> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const access = await documentsOf(deps).hooks.authorize(actor, docName);
  if (!access.canManage) throw new AppError('FORBIDDEN', 'Only the host and moderators manage versions.');
  return { actor, access };
}

/** Saves the document's current state as a version (state read after every queued update). */
async function saveVersion(
  deps: Deps,
  docName: string,
  name: string,
  createdBy: string | null,
  reason: DocVersionReason,
): Promise<DocVersionInfo> {
  const state = await documentsOf(deps).use(docName, (doc) => doc.current());
  return withoutState(await deps.store.createDocVersion({ docName, name, state, createdBy, reason }));
}

export async function takeVersion(
  deps: Deps,
  actor: Actor | null,
  input: { doc: string; name: string },
): Promise<DocVersionInfo> {
  const { actor: manager } = await requireManager(deps, actor, input.doc);
  return saveVersion(deps, input.doc, input.name, manager.id, 'manual');
}

export async function listVersions(deps: Deps, actor: Actor | null, docName: string): Promise<DocVersionInfo[]> {
  await documentsOf(deps).hooks.authorize(actor, docName);
  return deps.store.listDocVersions(docName);
}

/** A version with its state; NOT_FOUND also when its document is gone (its debate or position removed). */
export async function readVersion(deps: Deps, actor: Actor | null, id: string): Promise<DocVersionRecord> {
  const version = await deps.store.getDocVersion(id);
  if (!version) throw new AppError('NOT_FOUND', 'No such version.');
  await documentsOf(deps).hooks.authorize(actor, version.docName);
  return version;
}

export interface RestoreResult {
  restored: DocVersionInfo;
  /** The state just before the restore, kept as a version (reason 'restore'). */
  saved: DocVersionInfo;
  /** Seq of the restoring update; null when the document already equalled the version. */
  seq: number | null;
}

/**
 * Makes the document's content equal to a version by adding one update, stored and relayed like
 * an edit. The state before it is saved as a version first, in the same turn of the document's
 * queue, so no edit falls between the two.
 */
export async function restoreVersion(deps: Deps, actor: Actor | null, id: string): Promise<RestoreResult> {
  const version = await deps.store.getDocVersion(id);
  if (!version) throw new AppError('NOT_FOUND', 'No such version.');
  const { actor: manager } = await requireManager(deps, actor, version.docName);
  return documentsOf(deps).use(version.docName, (doc) =>
    doc.exclusive(async (live, apply) => {
      const saved = await deps.store.createDocVersion({
        docName: version.docName,
        name: `Before restoring “${version.name}”`,
        state: Y.encodeStateAsUpdate(live),
        createdBy: manager.id,
        reason: 'restore',
      });
      const seq = await apply(restoreUpdateFor(live, version.state), manager.id);
      return { restored: withoutState(version), saved: withoutState(saved), seq };
    }),
  );
}

/**
 * Saves a version of every position summary of a debate; issue 6 calls it at each phase change
 * (reason 'phase'). Unedited summaries get a version too, so every phase has a full set.
 */
export async function snapshotAllDocsOfDebate(
  deps: Deps,
  debateId: string,
  reason: DocVersionReason,
  name = reason === 'phase' ? 'Phase change' : 'Snapshot',
): Promise<DocVersionInfo[]> {
  const debate = await deps.store.getDebate(debateId);
  if (!debate) throw new AppError('NOT_FOUND', 'No such debate.');
  const versions: DocVersionInfo[] = [];
  for (const position of debate.positions) {
    versions.push(await saveVersion(deps, positionDocName(debate.id, position.id), name, null, reason));
  }
  return versions;
}
