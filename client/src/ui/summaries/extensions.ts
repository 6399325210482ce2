/**
 * The TipTap schema of a position summary, shared by the live editor and the version viewer. It
 * keeps StarterKit's node and mark names, because the debate report reads the Yjs XmlFragment
 * 'summary' by them (server/domain/debate/summary-text.ts): paragraph, heading, bulletList,
 * orderedList, listItem, blockquote, hardBreak, bold, italic. Everything else StarterKit offers is
 * left out, so nobody can write what the report cannot show.
 */
import { Extension, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';

/** The name of the XmlFragment the summary lives in. */
export const SUMMARY_FIELD = 'summary';

/** Heading level the toolbar makes: under the position's own heading (h3) in the debate panel. */
export const SUMMARY_HEADING_LEVEL = 3;

/**
 * Every block renders with dir="auto", so a paragraph in Urdu or Pashto runs right to left next to
 * one in English. Rendered only: the attribute's value stays null, and y-prosemirror does not
 * store null attributes, so the Yjs document is not touched.
 */
const DirAuto = Extension.create({
  name: 'dirAuto',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading'],
        attributes: {
          dir: { default: null, parseHTML: () => null, renderHTML: () => ({ dir: 'auto' }) },
        },
      },
    ];
  },
});

/** A hint shown (by CSS, from data-placeholder) in the one empty paragraph of an empty summary. */
const EmptyHint = Extension.create<{ text: string }>({
  name: 'emptyHint',
  addOptions() {
    return { text: '' };
  },
  addProseMirrorPlugins() {
    const { text } = this.options;
    return [
      new Plugin({
        key: new PluginKey('emptyHint'),
        props: {
          decorations: ({ doc }) => {
            const only = doc.firstChild;
            if (!text || doc.childCount !== 1 || !only?.isTextblock || only.content.size > 0) return null;
            return DecorationSet.create(doc, [
              Decoration.node(0, only.nodeSize, { class: 'summary-empty', 'data-placeholder': text }),
            ]);
          },
        },
      }),
    ];
  },
});

/** StarterKit with the summary's nodes and marks, no local undo history (Collaboration brings Yjs undo). */
export function summaryExtensions(fragment: Y.XmlFragment, emptyHint = ''): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [SUMMARY_HEADING_LEVEL] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      link: false,
      strike: false,
      underline: false,
      // TrailingNode appends an empty paragraph whenever a summary ends in a list, heading or
      // quote, on every open page at once: each editor would add its own, and a reader's page would
      // write one the server refuses (and close the reader after a few). Enter on an empty list
      // item already leaves the list.
      trailingNode: false,
    }),
    DirAuto,
    EmptyHint.configure({ text: emptyHint }),
    Collaboration.configure({ fragment }),
  ];
}
