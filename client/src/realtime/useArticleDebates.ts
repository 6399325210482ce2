import { useEffect, useMemo, useState } from 'react';
import type { DebateSummary } from '../../../shared/events.js';
import { request } from './requests.js';
import { connectAs } from './socket.js';

/**
 * The debates an article hosts (`debate:of-article`, oldest first), asked on every connect as
 * `selfId` (null: a guest; undefined: not known yet, so wait), and again whenever `asked` changes
 * (after a debate is created here, or one of them changed state). Null until the first answer
 * comes, and while the question fails: the article page then shows no debate yet, rather than
 * guess one (the article's own motion may be an old debate's).
 */
export function useArticleDebates(
  articleId: string | null,
  selfId: string | null | undefined,
  asked = 0,
): DebateSummary[] | null {
  // Kept with the article they belong to, so another article's list is never shown for this one.
  const [debates, setDebates] = useState<{ articleId: string; list: DebateSummary[] } | null>(null);
  const socket = useMemo(() => (selfId === undefined ? null : connectAs(selfId)), [selfId]);

  useEffect(() => {
    if (!socket || !articleId) return;
    let current = true;
    const ask = () => {
      request(socket, 'debate:of-article', { articleId }).then(
        (list) => {
          if (current) setDebates({ articleId, list });
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

  return debates && debates.articleId === articleId ? debates.list : null;
}
