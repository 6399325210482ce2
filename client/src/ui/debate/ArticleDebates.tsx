import { useCallback, useMemo, useState } from 'react';
import { debatesOfPage } from '../../../../shared/debate/current.js';
import type { DebateSummary } from '../../../../shared/events.js';
import { useArticleDebates } from '../../realtime/useArticleDebates.js';
import { useSession } from '../../state/session.js';
import { DebatePanel } from './DebatePanel.js';
import { OtherDebates } from './OtherDebates.js';
import { StartDebate } from './StartDebate.js';
import { stanceLabels, type StanceLabel } from './stances.js';

export interface ArticleDebateList {
  /** The article's id, null until it is known. */
  articleId: string | null;
  /** Every debate of the article, oldest first; null until the server has answered. */
  debates: DebateSummary[] | null;
  /** The live debate, else the next scheduled one, else null (shared/debate/current.ts). */
  current: DebateSummary | null;
  /** Debates held before, newest first. */
  past: DebateSummary[];
  /** Debates scheduled after the current one. */
  later: DebateSummary[];
  /** Every position of every debate, labelled, for the stance badges on comments. */
  stances: StanceLabel[];
  /** Asks for the list again (after a debate is created on the page, or one changed state). */
  reload(): void;
}

const NONE: DebateSummary[] = [];

/** The debates of an article (null until known): the current one, the past and later ones, and every stance. */
export function useArticleDebateList(articleId: string | null): ArticleDebateList {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const [asked, setAsked] = useState(0);
  const debates = useArticleDebates(articleId, selfId, asked);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  const page = useMemo(() => debatesOfPage(debates ?? NONE), [debates]);
  const stances = useMemo(() => stanceLabels(debates ?? NONE), [debates]);
  return { articleId, debates, ...page, stances, reload };
}

/**
 * The article's debates below its body: the live panel of the current debate, the past ones with
 * their results and reports, and for moderators and admins "Start a debate".
 */
export function ArticleDebates({ list }: { list: ArticleDebateList }) {
  const { articleId, debates, current, past, later, reload } = list;
  // One tree whether or not a debate is shown yet, so the form keeps its state when the first appears.
  return (
    <>
      {current && (
        // The debate box's link at the top of the article moves focus here (articles/DebateBox.tsx).
        <div id="current-debate" className="debate-panel-target" tabIndex={-1}>
          <DebatePanel key={current.id} summary={current} onStatus={reload} />
        </div>
      )}
      {debates && <OtherDebates debates={debates} past={past} later={later} />}
      {articleId && <StartDebate articleId={articleId} onCreated={reload} />}
    </>
  );
}
