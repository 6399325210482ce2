/**
 * Comment text: a narrow, safe Markdown subset rendered in the browser. The stored body stays
 * exactly what its author typed; only what is drawn changes.
 *
 * Allowed: links (http, https and mailto only; they open in a new tab, marked nofollow ugc
 * noopener), italic, bold, block quotes, inline code and code blocks, lists, line breaks.
 * Not allowed, and shown as the literal text the author typed: raw HTML, images, headings,
 * tables, rules, strikethrough, links to any other scheme (`javascript:`, `data:`, relative).
 */
import createDOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/** Our own instances, so the article renderer's options and hooks never change comments (nor ours it). */
const purify = createDOMPurify(window);

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** The rel of every comment link: search engines ignore it, it is user content, the new tab gets no handle on us. */
export const COMMENT_LINK_REL = 'nofollow ugc noopener';
/** A bare URL longer than this shows shortened (its href stays whole), so a long URL reads as one short line. */
const BARE_URL_SHOWN = 60;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The URL a comment may link to, normalised, or null when its scheme is not allowed. */
function allowedHref(href: string): string | null {
  try {
    const url = new URL(href);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null; // relative or malformed: not a link
  }
}

const off = () => undefined;

const markdown = new Marked({
  gfm: true,
  // A line break typed in a comment is a line break on screen, as it was when comments were plain text.
  breaks: true,
  async: false,
  // A tokenizer that returns undefined never matches: its syntax stays literal text, which the text
  // renderer escapes. Raw HTML (block `html`, inline `tag`) is therefore shown as typed.
  tokenizer: {
    heading: off,
    lheading: off,
    html: off,
    tag: off,
    table: off,
    hr: off,
    del: off,
  },
  renderer: {
    link(token: Tokens.Link) {
      const href = allowedHref(token.href);
      if (href === null) return escapeHtml(token.raw);
      // A bare URL (GFM autolink, or <https://…>) shows its own text; a [text](url) link the author's words.
      const bare = !token.raw.startsWith('[');
      const shown =
        bare && token.text.length > BARE_URL_SHOWN
          ? escapeHtml(`${token.text.slice(0, BARE_URL_SHOWN)}…`)
          : this.parser.parseInline(token.tokens);
      return `<a href="${escapeHtml(href)}" target="_blank" rel="${COMMENT_LINK_REL}">${shown}</a>`;
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.raw);
    },
  },
});

/** Blocks whose direction follows their own text, so a Urdu reply in an English thread reads right-to-left. */
const TEXT_BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'UL', 'OL']);

purify.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  if (TEXT_BLOCKS.has(node.tagName)) node.setAttribute('dir', 'auto');
  if (node.tagName === 'A') {
    // Second line of defence: whatever reached here as a link with an allowed href gets the new
    // tab and the rel; an anchor whose href the sanitiser dropped is plain text in effect.
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', COMMENT_LINK_REL);
    } else {
      node.removeAttribute('target');
      node.removeAttribute('rel');
    }
  }
});

const SANITIZE = {
  ALLOWED_TAGS: ['p', 'br', 'em', 'strong', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'a'],
  ALLOWED_ATTR: ['href', 'target', 'rel', 'dir', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

/** Rendered bodies by source: every change of the thread redraws every comment, most unchanged. */
const cache = new Map<string, string>();
const CACHE_MAX = 1000;

/**
 * Renders a comment body to HTML that is safe to insert: marked turns the allowed subset into
 * HTML (everything else stays literal text), then DOMPurify keeps only the subset's tags and
 * attributes and only http(s)/mailto hrefs. The only way comment HTML reaches the page.
 */
export function renderCommentMarkdown(source: string): string {
  const known = cache.get(source);
  if (known !== undefined) {
    // Most recently used goes last, so the oldest is the one dropped.
    cache.delete(source);
    cache.set(source, known);
    return known;
  }
  const html = purify.sanitize(markdown.parse(source, { async: false }), SANITIZE);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(source, html);
  return html;
}

/** A comment's text as a reader sees it, without Markdown marks, on one line (excerpts, announcements). */
export function commentPlainText(source: string): string {
  const template = document.createElement('template');
  template.innerHTML = renderCommentMarkdown(source);
  return (template.content.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * `text` as a Markdown block quote followed by a blank line, ready for a reply to continue:
 * every line gets `> `, so quoting a quote nests it.
 */
export function quoteAsMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  return `${lines.map((line) => (line.trim() === '' ? '>' : `> ${line}`)).join('\n')}\n\n`;
}
