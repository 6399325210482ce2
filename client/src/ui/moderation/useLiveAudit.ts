import { useEffect } from 'react';
import type { AuditView } from '../../../../shared/moderation.js';
import { listen, type ParleyClientSocket } from '../../realtime/requests.js';

/** Whether a live entry belongs in a log filtered to `articleId` (null: every article). */
export function inFilter(entry: AuditView, articleId: string | null): boolean {
  return articleId === null || entry.articleId === articleId || entry.article?.id === articleId;
}

/** Puts a live entry at the top of a newest-first log, once. */
export function withLiveEntry(entries: AuditView[], entry: AuditView): AuditView[] {
  return [entry, ...entries.filter((e) => e.id !== entry.id)];
}

/**
 * Calls `onEntry` with every audit entry written while the desk is open (`mod:audited`, sent to the
 * desk room on every process), whoever wrote it.
 */
export function useLiveAudit(socket: ParleyClientSocket, onEntry: (entry: AuditView) => void): void {
  useEffect(() => listen(socket, 'mod:audited', onEntry), [socket, onEntry]);
}
