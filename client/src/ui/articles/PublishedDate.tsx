import { formatDate } from '../time.js';

/** "Published 26 November 2025", or "Draft" for an article without a publication date. */
export function PublishedDate({ publishedAt }: { publishedAt: string | null }) {
  if (!publishedAt) return <span className="dateline">Draft</span>;
  return (
    <span className="dateline">
      Published <time dateTime={publishedAt}>{formatDate(publishedAt)}</time>
    </span>
  );
}
