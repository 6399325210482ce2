/** The debate over HTTP: its report (GET /api/debates/:id/report), where the Markdown export lives, and its host. */
import type { DebateReport } from '../../../../shared/debate/model.js';
import { apiRequest } from '../../api/client.js';

export type { DebateReport };

/** 403 FORBIDDEN until the host reveals the results (the host and moderators may read it sooner). */
export async function getDebateReport(debateId: string, signal?: AbortSignal): Promise<DebateReport> {
  const answer = await apiRequest<{ report: DebateReport }>(`/api/debates/${encodeURIComponent(debateId)}/report`, {
    signal,
  });
  return answer.report;
}

export const reportPath = (debateId: string) => `/debates/${encodeURIComponent(debateId)}/report`;
export const markdownPath = (debateId: string) => `/api/debates/${encodeURIComponent(debateId)}/export.md`;

/** GET /api/debates/:id -> who hosts the debate (the roster answers more; this is all the panel needs). */
export async function getDebateHostId(debateId: string, signal?: AbortSignal): Promise<string> {
  const answer = await apiRequest<{ debate: { hostId: string } }>(`/api/debates/${encodeURIComponent(debateId)}`, {
    signal,
  });
  return answer.debate.hostId;
}
