// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

/**
 * happy-dom's Node.prototype.nodeName getter answers '' (each subclass overrides it), and DOMPurify
 * reads names through that prototype getter: it would then drop the first element and stop. Give
 * the base getter the real names before the renderer (and its DOMPurify) loads; Chromium needs none of this.
 */
const NODE_NAMES: Record<number, string> = {
  3: '#text',
  4: '#cdata-section',
  8: '#comment',
  9: '#document',
  11: '#document-fragment',
};
Object.defineProperty(Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node): string {
    return this instanceof Element ? this.tagName : (NODE_NAMES[this.nodeType] ?? '');
  },
});
const { commentPlainText, quoteAsMarkdown, renderCommentMarkdown } = await import('./comment-markdown.js');

/** The rendered comment as a detached DOM, to ask what it holds. */
function render(source: string): HTMLElement {
  const box = document.createElement('div');
  box.innerHTML = renderCommentMarkdown(source);
  return box;
}

function hrefs(box: HTMLElement): string[] {
  return [...box.querySelectorAll('[href]')].map((el) => el.getAttribute('href')!);
}

describe('renderCommentMarkdown', () => {
  it('renders emphasis, quotes, code and lists, each text block with its own direction', () => {
    const box = render(
      '*italic* and **bold**\n\n> a quote\n\n`inline` code\n\n```\nblock <b>\n```\n\n- one\n- two\n\n1. first',
    );
    expect(box.querySelector('em')?.textContent).toBe('italic');
    expect(box.querySelector('strong')?.textContent).toBe('bold');
    expect(box.querySelector('blockquote')?.textContent?.trim()).toBe('a quote');
    expect(box.querySelector('p code')?.textContent).toBe('inline');
    expect(box.querySelector('pre code')?.textContent).toBe('block <b>\n');
    expect([...box.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(box.querySelector('ol li')?.textContent).toBe('first');
    for (const block of box.querySelectorAll('p, li, blockquote, pre')) expect(block.getAttribute('dir')).toBe('auto');
  });

  it('keeps line breaks the author typed', () => {
    const box = render('first line\nsecond line');
    expect(box.querySelectorAll('br')).toHaveLength(1);
  });

  it('makes http(s) and mailto links open in a new tab with nofollow ugc noopener', () => {
    const box = render('[site](https://example.com/a?b=1) <mailto:desk@example.com> and https://example.org/x');
    const links = [...box.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'mailto:desk@example.com',
      'https://example.org/x',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('nofollow ugc noopener');
    }
  });

  it('shows [x](javascript:alert(1)) as the text typed, not a link', () => {
    const box = render('[x](javascript:alert(1))');
    expect(box.querySelector('a')).toBeNull();
    expect(box.textContent?.trim()).toBe('[x](javascript:alert(1))');
    expect(hrefs(box)).toEqual([]);
  });

  it('keeps other schemes and tricks inert: JavaScript in capitals, entities, data: and relative URLs', () => {
    for (const source of [
      '[x](JaVaScRiPt:alert(1))',
      '[x](javascript&#58;alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<data:text/html,<script>alert(1)</script>>',
      '[x](/relative/path)',
      '[x][ref]\n\n[ref]: javascript:alert(1)',
      '[x](vbscript:msgbox(1))',
    ]) {
      const box = render(source);
      expect(box.querySelector('a'), source).toBeNull();
      expect(box.innerHTML, source).not.toMatch(/<script|href=/i);
    }
  });

  it('shows raw HTML as the literal text typed: no image, no handler, no script', () => {
    const img = render('<img src=x onerror=alert(1)>');
    expect(img.querySelector('img')).toBeNull();
    expect(img.textContent?.trim()).toBe('<img src=x onerror=alert(1)>');
    expect(img.innerHTML).not.toMatch(/<img/i);

    const script = render('Hello <script>alert(1)</script> world');
    expect(script.querySelector('script')).toBeNull();
    expect(script.textContent?.trim()).toBe('Hello <script>alert(1)</script> world');

    const block = render('<div onclick="alert(1)">\n<b>bold?</b>\n</div>');
    expect(block.querySelector('div, b, [onclick]')).toBeNull();
    expect(block.textContent).toContain('<div onclick="alert(1)">');
  });

  it('renders no images, headings, tables or rules: their Markdown stays text', () => {
    const box = render(
      '![alt](https://example.com/a.png)\n\n# Heading\n\nSetext\n===\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---',
    );
    expect(box.querySelector('img, h1, h2, h3, h4, h5, h6, table, hr')).toBeNull();
    expect(box.textContent).toContain('![alt](https://example.com/a.png)');
    expect(box.textContent).toContain('# Heading');
  });

  it('nests quotes', () => {
    const box = render('> > inner\n>\n> outer');
    expect(box.querySelector('blockquote blockquote')?.textContent?.trim()).toBe('inner');
    expect(box.querySelector(':scope > blockquote')?.textContent).toContain('outer');
  });

  it('keeps a 5,000-character URL whole in its href and short on screen', () => {
    const url = `https://example.com/${'a'.repeat(5000)}`;
    const box = render(`see ${url}`);
    const a = box.querySelector('a')!;
    expect(a.getAttribute('href')).toBe(url);
    expect(a.textContent!.length).toBeLessThan(80);
    expect(a.textContent).toMatch(/^https:\/\/example\.com\/a+…$/);
  });

  it('keeps text with no Markdown as it was, right-to-left included', () => {
    const text = 'میرے خیال میں دونوں ممالک کو ذمہ داری لینی چاہیے';
    const box = render(text);
    expect(box.querySelector('p')?.textContent).toBe(text);
    expect(box.querySelector('p')?.getAttribute('dir')).toBe('auto');
  });
});

describe('commentPlainText', () => {
  it('drops the Markdown marks and joins the lines', () => {
    expect(commentPlainText('**Bold** claim\n\n> quoted [link](https://example.com)')).toBe('Bold claim quoted link');
  });
});

describe('quoteAsMarkdown', () => {
  it('quotes every line and ends with a blank line', () => {
    expect(quoteAsMarkdown('one\n\ntwo\n')).toBe('> one\n>\n> two\n\n');
  });

  it('nests a quote that is quoted again', () => {
    expect(quoteAsMarkdown('> earlier\nnow')).toBe('> > earlier\n> now\n\n');
  });
});
