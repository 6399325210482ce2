import { useMemo } from 'react';
import { renderMarkdown } from './markdown.js';

/** An article's Markdown body, rendered and sanitised (see renderMarkdown). */
export function ArticleBody({ markdown }: { markdown: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  // Safe: `html` comes from renderMarkdown, which sanitises with DOMPurify.
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
