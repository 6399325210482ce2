import type { ReportReasonCounts } from '../../../../shared/moderation.js';
import { REPORT_REASONS } from '../../../../shared/types.js';
import { REPORT_REASON_LABELS } from './rules.js';
import './desk-context.css';

/** Why readers reported a comment, counted per reason, on the queue item itself (issue 15). */
export function ReportReasons({ reasons }: { reasons: ReportReasonCounts | undefined }) {
  const shown = REPORT_REASONS.filter((r) => (reasons?.[r] ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="report-reasons" aria-label="Why readers reported it" data-testid="report-reasons">
      {shown.map((r) => (
        <li key={r} className="chip-tag">
          {REPORT_REASON_LABELS[r]} × {reasons![r]}
        </li>
      ))}
    </ul>
  );
}
