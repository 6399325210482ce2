import { useEffect, useMemo, useRef, useState } from 'react';
import { splitParagraphs } from '../../../shared/debate/statements.js';
import { LiveError, request } from './requests.js';
import { connectAs } from './socket.js';
import { emptyTranscript, type TranscriptCopy } from './transcript.js';
import { followTranscript, type TranscriptFollower } from './transcript-follower.js';

export interface TranscriptHandle {
  copy: TranscriptCopy;
  /**
   * Posts `text` to the stream, one paragraph at a time in order (a blank line starts the next).
   * Resolves with how many were posted; rejects with the server's refusal, after the ones before it
   * went in (`posted` on the error tells how many).
   */
  say(text: string): Promise<number>;
}

/** A refusal part-way through a post of several paragraphs. */
export class SayError extends LiveError {
  constructor(
    cause: LiveError,
    readonly posted: number,
  ) {
    super(cause.error);
  }
}

/**
 * The statement stream of debate `debateId` as `selfId` sees it (null: a guest; undefined: not
 * known yet): the transcript so far and each paragraph as it is posted, exact across reconnects
 * (transcript-follower.ts), and `say` for whoever may speak.
 */
export function useTranscript(debateId: string, selfId: string | null | undefined): TranscriptHandle {
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);
  const [copy, setCopy] = useState<TranscriptCopy>(() => emptyTranscript(debateId));
  const follower = useRef<TranscriptFollower | null>(null);

  useEffect(() => {
    if (!socket) return;
    const followed = followTranscript(socket, debateId, setCopy);
    follower.current = followed;
    return () => {
      followed.stop();
      if (follower.current === followed) follower.current = null;
    };
  }, [socket, debateId]);

  const say = useMemo(
    () => async (text: string) => {
      if (!socket) throw new LiveError({ code: 'UNAUTHENTICATED', message: 'Sign in to take part in the debate.' });
      let posted = 0;
      for (const paragraph of splitParagraphs(text)) {
        try {
          const statement = await request(socket, 'debate:say', { debateId, text: paragraph });
          // The broadcast brings it too; taking the acknowledgement shows it at once, and the copy drops the duplicate.
          follower.current?.add([statement]);
          posted += 1;
        } catch (err) {
          throw err instanceof LiveError ? new SayError(err, posted) : err;
        }
      }
      return posted;
    },
    [socket, debateId],
  );

  return { copy: copy.debateId === debateId ? copy : emptyTranscript(debateId), say };
}
