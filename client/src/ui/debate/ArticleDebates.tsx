import { useId, useState } from 'react';
import type { DebateStatus } from '../../../../shared/debate/model.js';
import type { DebateSummary } from '../../../../shared/events.js';
import { useArticleDebates } from '../../realtime/useArticleDebates.js';
import { useSession } from '../../state/session.js';
import { DebatePanel } from './DebatePanel.js';
import { StartDebate } from './StartDebate.js';
import { STATUS_LABELS } from './words.js';

export interface DebateChoice {
  /** The article's id, null until it is known. */
  articleId: string | null;
  debates: DebateSummary[];
  /** The debate shown: the one chosen, else the one most under way. */
  chosen: DebateSummary | null;
  choose(debateId: string): void;
  /** Asks for the list again (after a debate is created on the page). */
  reload(): void;
}

/** Which debate an article page opens with: one running before one to come before one over. */
const STATUS_RANK: Record<DebateStatus, number> = {
  live: 0,
  'pre-vote': 1,
  'post-vote': 1,
  results: 2,
  scheduled: 3,
  closed: 4,
};

function mostUnderWay(debates: DebateSummary[]): DebateSummary | null {
  let best: DebateSummary | null = null;
  for (const d of debates) if (!best || STATUS_RANK[d.status] < STATUS_RANK[best.status]) best = d;
  return best;
}

/** The debates of an article (none until they are known) and which one the page shows. */
export function useDebateChoice(articleId: string | null): DebateChoice {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const [asked, setAsked] = useState(0);
  const debates = useArticleDebates(articleId, selfId, asked);
  const [chosenId, choose] = useState<string | null>(null);
  const chosen = debates.find((d) => d.id === chosenId) ?? mostUnderWay(debates);
  return { articleId, debates, chosen, choose, reload: () => setAsked((n) => n + 1) };
}

/**
 * The article's debate panel, with a choice when the article hosts more than one debate, and for
 * moderators and admins "Start a debate", which shows the new debate once it is made.
 */
export function ArticleDebates({ choice }: { choice: DebateChoice }) {
  const selectId = useId();
  const { articleId, debates, chosen, choose, reload } = choice;
  // One tree whether or not a debate is shown yet, so the form keeps its state when the first appears.
  return (
    <>
      {chosen && debates.length > 1 && (
        <p className="debate-choice">
          <label htmlFor={selectId}>Choose a debate</label>
          <select id={selectId} value={chosen.id} onChange={(event) => choose(event.target.value)}>
            {debates.map((d) => (
              <option key={d.id} value={d.id}>
                {d.motion} ({STATUS_LABELS[d.status]})
              </option>
            ))}
          </select>
        </p>
      )}
      {chosen && <DebatePanel key={chosen.id} summary={chosen} />}
      {articleId && (
        <StartDebate
          articleId={articleId}
          onCreated={(debateId) => {
            choose(debateId);
            reload();
          }}
        />
      )}
    </>
  );
}
