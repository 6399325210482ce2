import { useState } from 'react';
import type { DebateView } from '../../../../shared/debate/model.js';
import { announcement, momentOf, sameMoment, type DebateMoment } from './announce.js';

/**
 * The debate panel's one live region: a polite status, visually hidden, that says when the phase
 * changes, the floor changes hands, or the phase runs into overtime. It never takes the focus, and
 * says nothing on first load (the panel itself shows where the debate is).
 */
export function DebateAnnouncer({ view, overtime }: { view: DebateView; overtime: boolean }) {
  const now = momentOf(view, overtime);
  const [seen, setSeen] = useState<DebateMoment>(now);
  const [message, setMessage] = useState('');
  // Derived while rendering (React's "storing information from previous renders"): the words
  // change in the same paint as what they describe.
  if (!sameMoment(seen, now)) {
    setSeen(now);
    const words = announcement(seen, now);
    if (words !== null) setMessage(words);
  }
  return (
    <p className="visually-hidden" role="status" data-testid="debate-announcer">
      {message}
    </p>
  );
}
