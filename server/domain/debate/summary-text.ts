/**
 * Reads a position summary (a Yjs document stored by collab/) as Markdown for the report. The
 * editor keeps rich text in the XmlFragment 'summary' (TipTap/ProseMirror nodes); this walks the
 * few node types the summary editor offers. Written here rather than pulling in ProseMirror on the
 * server: the report needs only paragraphs, headings, lists and quotes as text.
 */
import * as Y from 'yjs';
import type { Deps } from '../deps.js';

function inline(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>)
    .map((op) => {
      if (typeof op.insert !== 'string') return '';
      const a = op.attributes ?? {};
      if (a.bold) return `**${op.insert}**`;
      if (a.italic) return `*${op.insert}*`;
      return op.insert;
    })
    .join('');
}

function block(node: Y.XmlElement | Y.XmlText, prefix = ''): string[] {
  if (node instanceof Y.XmlText) return [prefix + inline(node)];
  const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
  const textOf = () => children.map((c) => (c instanceof Y.XmlText ? inline(c) : block(c).join(' '))).join('');
  switch (node.nodeName) {
    case 'heading':
      return [`${'#'.repeat(Math.min(6, Number(node.getAttribute('level') ?? 2) + 2))} ${textOf()}`];
    case 'bulletList':
      return children.flatMap((item) => (item instanceof Y.XmlElement ? block(item, '- ') : []));
    case 'orderedList':
      return children.flatMap((item, i) => (item instanceof Y.XmlElement ? block(item, `${i + 1}. `) : []));
    case 'listItem':
      return [prefix + children.flatMap((c) => block(c)).join(' ')];
    case 'blockquote':
      return children.flatMap((c) => block(c)).map((line) => `> ${line}`);
    default:
      return [prefix + textOf()];
  }
}

/** The summary as Markdown paragraphs; '' for a summary nobody wrote. */
export async function readSummaryMarkdown(deps: Deps, docName: string): Promise<string> {
  const stored = await deps.store.loadDoc(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  const fragment = doc.getXmlFragment('summary');
  const blocks = (fragment.toArray() as Array<Y.XmlElement | Y.XmlText>)
    .map((n) => block(n).join('\n'))
    .filter((b) => b.trim() !== '');
  doc.destroy();
  return blocks.join('\n\n');
}
