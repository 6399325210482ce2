/**
 * Typed calls to the collaboration routes (server/http/routes/collab*.ts, debate-roster.ts); the
 * shapes come from shared/.
 */
import type { CollabTicket, DocAccess, DocVersionInfo } from '../../../shared/collab.js';
import type { DebateRoster } from '../../../shared/debate/model.js';
import { apiRequest } from '../api/client.js';

/** A version with its Yjs state (the whole document, encoded as one update). */
export interface VersionWithState extends DocVersionInfo {
  state: Uint8Array;
}

/** GET /api/collab/access?doc= -> what the signed-in user (or a guest) may do with `doc`. */
export function getDocAccess(doc: string, signal?: AbortSignal): Promise<DocAccess> {
  return apiRequest<DocAccess>('/api/collab/access', { query: { doc }, signal });
}

/**
 * POST /api/collab/ticket -> a single-use ticket to open `doc` signed in, asked before every
 * connection so the access token never goes in a /collab URL.
 */
export function getCollabTicket(doc: string): Promise<CollabTicket> {
  return apiRequest<CollabTicket>('/api/collab/ticket', { method: 'POST', body: { doc } });
}

/** GET /api/collab/versions?doc= -> the document's versions, newest first. */
export async function listVersions(doc: string, signal?: AbortSignal): Promise<DocVersionInfo[]> {
  const answer = await apiRequest<{ versions: DocVersionInfo[] }>('/api/collab/versions', { query: { doc }, signal });
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
  const answer = await apiRequest<{ version: DocVersionInfo & { state: string } }>(
    `/api/collab/versions/${encodeURIComponent(id)}`,
    { signal },
  );
  return { ...answer.version, state: fromBase64(answer.version.state) };
}

/** POST /api/collab/versions -> the version taken now (host, moderators, admins). */
export async function takeVersion(doc: string, name: string): Promise<DocVersionInfo> {
  const answer = await apiRequest<{ version: DocVersionInfo }>('/api/collab/versions', {
    method: 'POST',
    body: { doc, name },
  });
  return answer.version;
}

/**
 * POST /api/collab/versions/:id/restore -> makes the document equal to the version by adding a
 * change; the state before it is kept as a version too. Editors see the change arrive live.
 */
export function restoreVersion(
  id: string,
): Promise<{ restored: DocVersionInfo; saved: DocVersionInfo; seq: number | null }> {
  return apiRequest(`/api/collab/versions/${encodeURIComponent(id)}/restore`, { method: 'POST' });
}

/** GET /api/debates/:id -> the roster with each position's document name. */
export async function getDebateRoster(id: string, signal?: AbortSignal): Promise<DebateRoster> {
  const answer = await apiRequest<{ debate: DebateRoster }>(`/api/debates/${encodeURIComponent(id)}`, { signal });
  return answer.debate;
}
