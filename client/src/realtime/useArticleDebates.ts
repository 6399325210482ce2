import { useEffect, useMemo, useState } from 'react';
import type { DebateSummary } from '../../../shared/events.js';
import { request } from './requests.js';
import { connectAs } from './socket.js';

/**
 * The debates an article hosts (`debate:of-article`), asked on every connect as `selfId` (null: a
 * guest; undefined: not known yet, so wait), and again whenever `asked` changes (after a debate is
 * created here). An empty list until the answer comes, and when the article hosts none or the
 * question fails: the article page then simply shows no debate panel.
 */
export function useArticleDebates(
  articleId: string | null,
  selfId: string | null | undefined,
  asked = 0,
): DebateSummary[] {
  const [debates, setDebates] = useState<DebateSummary[]>([]);
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);

  useEffect(() => {
    if (!socket || !articleId) return;
    let current = true;
    const ask = () => {
      request(socket, 'debate:of-article', { articleId }).then(
        (list) => {
          if (current) setDebates(list);
        },
        // No answer: the discussion works without the debate; the next connect asks again.
        () => undefined,
      );
    };
    socket.on('connect', ask);
    if (socket.connected) ask();
    return () => {
      current = false;
      socket.off('connect', ask);
    };
  }, [socket, articleId, asked]);

  return debates;
}
