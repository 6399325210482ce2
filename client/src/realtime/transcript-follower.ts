/**
 * Keeps a TranscriptCopy (transcript.ts) of one debate current over a socket: live paragraphs from
 * `debate:statement`, and `debate:transcript` from the applied seq on every (re)connect and on a
 * gap. A connection that came back without socket.io's recovery missed what was said meanwhile; the
 * ask on connect brings it, so the copy ends up exactly the stored transcript.
 */
import type { StatementView } from '../../../shared/debate/statements.js';
import { appliedSeq, emptyTranscript, hasGap, mergeStatements, type TranscriptCopy } from './transcript.js';
import { request, type ParleyClientSocket } from './requests.js';

export interface TranscriptFollower {
  copy(): TranscriptCopy;
  /** Adds paragraphs the caller already has (its own acknowledged posts). */
  add(statements: StatementView[]): void;
  stop(): void;
}

/** Follows debate `debateId` on `socket`, calling `onChange` with each new copy. */
export function followTranscript(
  socket: ParleyClientSocket,
  debateId: string,
  onChange: (copy: TranscriptCopy) => void,
): TranscriptFollower {
  let copy = emptyTranscript(debateId);
  let stopped = false;
  let asking = false;
  let askAgain = false;

  const apply = (statements: StatementView[]) => {
    const next = mergeStatements(copy, statements);
    if (next === copy || stopped) return;
    copy = next;
    onChange(copy);
  };

  /** Reads the transcript after the applied seq, page by page, until the copy is complete. */
  const catchUp = async (): Promise<void> => {
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    try {
      for (;;) {
        const page = await request(socket, 'debate:transcript', { debateId, sinceSeq: appliedSeq(copy) });
        if (stopped) return;
        apply(page.statements);
        if (page.statements.length === 0 || appliedSeq(copy) >= page.seq) break;
      }
    } catch {
      // Not answered (disconnected, or refused): the next connect or gap asks again.
    } finally {
      asking = false;
      if (askAgain && !stopped) {
        askAgain = false;
        void catchUp();
      }
    }
  };

  const onStatement = (statement: StatementView) => {
    if (statement.debateId !== debateId) return;
    apply([statement]);
    if (hasGap(copy)) void catchUp();
  };
  const onConnect = () => void catchUp();
  socket.on('debate:statement', onStatement);
  socket.on('connect', onConnect);
  if (socket.connected) void catchUp();

  return {
    copy: () => copy,
    add: apply,
    stop() {
      stopped = true;
      socket.off('debate:statement', onStatement);
      socket.off('connect', onConnect);
    },
  };
}
