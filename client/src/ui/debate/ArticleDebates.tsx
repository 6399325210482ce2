import { useId, useState } from 'react';
import type { DebateStatus } from '../../../../shared/debate.js';
import type { DebateSummary } from '../../../../shared/events.js';
import { useArticleDebates } from '../../realtime/useArticleDebates.js';
import { useSession } from '../../state/session.js';
import { DebatePanel } from './DebatePanel.js';
import { STATUS_LABELS } from './words.js';

export interface DebateChoice {
  debates: DebateSummary[];
  /** The debate shown: the one chosen, else the one most under way. */
  chosen: DebateSummary | null;
  choose(debateId: string): void;
}

/** Which debate an article page opens with: one running before one to come before one over. */
const STATUS_RANK: Record<DebateStatus, number> = { live: 0, 'pre-vote': 1, 'post-vote': 1, results: 2, scheduled: 3, closed: 4 };

function mostUnderWay(debates: DebateSummary[]): DebateSummary | null {
  let best: DebateSummary | null = null;
  for (const d of debates) if (!best || STATUS_RANK[d.status] < STATUS_RANK[best.status]) best = d;
  return best;
}

/** The debates of an article (none until they are known) and which one the page shows. */
export function useDebateChoice(articleId: string | null): DebateChoice {
  const { session, user } = useSession();
  const selfId = session.status === 'restoring' ? undefined : (user?.id ?? null);
  const debates = useArticleDebates(articleId, selfId);
  const [chosenId, choose] = useState<string | null>(null);
  const chosen = debates.find((d) => d.id === chosenId) ?? mostUnderWay(debates);
  return { debates, chosen, choose };
}

/** The article's debate panel, with a choice when the article hosts more than one debate. */
export function ArticleDebates({ choice }: { choice: DebateChoice }) {
  const selectId = useId();
  const { debates, chosen, choose } = choice;
  if (!chosen) return null;
  return (
    <>
      {debates.length > 1 && (
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
      <DebatePanel key={chosen.id} summary={chosen} />
    </>
  );
}
