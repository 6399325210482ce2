import createDOMPurify from 'dompurify';
import { Marked } from 'marked';

/** Our own instances, so no other module's options or hooks change how articles render. */
const markdown = new Marked({ gfm: true, async: false });
const purify = createDOMPurify(window);

/** Text blocks get `dir="auto"`, so a paragraph in Urdu inside an English article reads right-to-left. */
const TEXT_BLOCKS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'TD', 'TH', 'FIGCAPTION']);

purify.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  if (TEXT_BLOCKS.has(node.tagName)) node.setAttribute('dir', 'auto');
  // Links that leave the page must not hand the opened page a handle on this one.
  if (node.tagName === 'A' && node.getAttribute('target')) node.setAttribute('rel', 'noopener noreferrer');
});

/**
 * Renders an article's Markdown to HTML that is safe to insert: marked produces the HTML and
 * DOMPurify then removes scripts, event handlers, `javascript:` URLs, styles and forms. The only
 * way article HTML reaches the page is through this function.
 */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false });
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
    FORBID_ATTR: ['style'],
  });
}
