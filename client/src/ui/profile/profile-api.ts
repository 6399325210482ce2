/** The profile route (issue 15; docs/PROTOCOL.md, "Profiles"). */
import type { Profile } from '../../../../shared/profiles.js';
import { apiRequest } from '../../api/client.js';

/** GET /api/users/by-name/:name/profile -> Profile; 404 NOT_FOUND for an unknown name. */
export function getProfile(name: string, after: string | null, signal?: AbortSignal): Promise<Profile> {
  return apiRequest(`/api/users/by-name/${encodeURIComponent(name)}/profile`, {
    query: { after: after ?? undefined },
    signal,
  });
}
