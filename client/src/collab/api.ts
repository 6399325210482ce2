/**
 * Typed calls to the collaboration routes (server/collab/routes.ts, versions-routes.ts,
 * debate-routes.ts). The shapes are restated here, not imported: they live on the server side
 * until issue 6 moves them to shared/.
 */
import { apiRequest } from '../api/client.js';

/** What the caller may do with a document: edit it, and take or restore versions. */
export interface DocAccess {
  doc: string;
  canEdit: boolean;
  canManage: boolean;
}

export type VersionReason = 'manual' | 'phase' | 'restore' | (string & {});

/** A named version as listed (without its state). */
export interface VersionInfo {
  id: string;
  docName: string;
  name: string;
  size: number;
  createdBy: string | null;
  reason: VersionReason;
  createdAt: string;
}

/** A version with its Yjs state (the whole document, encoded as one update). */
export interface VersionWithState extends VersionInfo {
  state: Uint8Array;
}

/** A debate's roster as GET /api/debates/:id answers it (the part the summaries need). */
export interface DebateRoster {
  id: string;
  motion: string;
  hostId: string;
  positions: Array<{ id: string; name: string; debaterIds: string[]; docName: string }>;
  /** Names of the people on the roster by user id. */
  people: Record<string, string>;
}

/** GET /api/collab/access?doc= -> what the signed-in user (or a guest) may do with `doc`. */
export function getDocAccess(doc: string, signal?: AbortSignal): Promise<DocAccess> {
  return apiRequest<DocAccess>('/api/collab/access', { query: { doc }, signal });
}

/** GET /api/collab/versions?doc= -> the document's versions, newest first. */
export async function listVersions(doc: string, signal?: AbortSignal): Promise<VersionInfo[]> {
  const answer = await apiRequest<{ versions: VersionInfo[] }>('/api/collab/versions', { query: { doc }, signal });
  return answer.versions;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** GET /api/collab/versions/:id -> one version with its state decoded. */
export async function getVersion(id: string, signal?: AbortSignal): Promise<VersionWithState> {
  const answer = await apiRequest<{ version: VersionInfo & { state: string } }>(
    `/api/collab/versions/${encodeURIComponent(id)}`,
    { signal },
  );
  return { ...answer.version, state: fromBase64(answer.version.state) };
}

/** POST /api/collab/versions -> the version taken now (host, moderators, admins). */
export async function takeVersion(doc: string, name: string): Promise<VersionInfo> {
  const answer = await apiRequest<{ version: VersionInfo }>('/api/collab/versions', {
    method: 'POST',
    body: { doc, name },
  });
  return answer.version;
}

/**
 * POST /api/collab/versions/:id/restore -> makes the document equal to the version by adding a
 * change; the state before it is kept as a version too. Editors see the change arrive live.
 */
export function restoreVersion(id: string): Promise<{ restored: VersionInfo; saved: VersionInfo; seq: number | null }> {
  return apiRequest(`/api/collab/versions/${encodeURIComponent(id)}/restore`, { method: 'POST' });
}

/** GET /api/debates/:id -> the roster with each position's document name. */
export async function getDebateRoster(id: string, signal?: AbortSignal): Promise<DebateRoster> {
  const answer = await apiRequest<{ debate: DebateRoster }>(`/api/debates/${encodeURIComponent(id)}`, { signal });
  return answer.debate;
}

/** The document name of a position's summary (server/collab/doc-names.ts). */
export const positionDocName = (debateId: string, positionId: string): string =>
  `debate/${debateId}/position/${positionId}`;
