import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { DocConnection } from '../../collab/connection.js';
import { summaryExtensions, SUMMARY_FIELD } from './extensions.js';
import { SummaryToolbar } from './SummaryToolbar.js';

export interface SummaryEditorProps {
  connection: DocConnection;
  editable: boolean;
  /** Shown next to this user's cursor by the others (the server stamps the signed-in name anyway). */
  user: { name: string; color: string };
  /** The accessible name of the text area, e.g. "Summary: Pakistan". */
  label: string;
  /** Shown while the summary is empty. */
  emptyHint: string;
}

/**
 * Pastes and drops larger than this are refused here: the server closes a connection whose one
 * update passes 256 KiB (4009), and the provider would only send the same change again on
 * reconnecting. Counted in UTF-16 units; Urdu takes up to 3 bytes a character in a Yjs update.
 */
const MAX_INSERT_CHARS = 60_000;

const tooLarge = (data: DataTransfer | null): boolean => {
  if (!data) return false;
  return Math.max(data.getData('text/html').length, data.getData('text/plain').length) > MAX_INSERT_CHARS;
};

/** How long an editor's name shows on their cursor after it appears or moves. */
const LABEL_MS = 2_500;
const ACTIVE = 'collaboration-carets__caret--active';
const labelTimers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

/** Shows the name on `caret` for LABEL_MS from now (again, if it was showing). */
function flashLabel(caret: HTMLElement): void {
  caret.classList.add(ACTIVE);
  clearTimeout(labelTimers.get(caret));
  labelTimers.set(
    caret,
    setTimeout(() => caret.classList.remove(ACTIVE), LABEL_MS),
  );
}

/**
 * Another editor's cursor: a thin bar in their colour. For someone who edits too, their name shows
 * above it for a moment whenever it appears or moves (as in Google Docs), then folds away so it
 * never sits over the text; a reader, who only reads, gets the bars alone (the names are listed
 * above the summary under "Editing now").
 */
function caretRenderer(withLabel: boolean) {
  return (user: Record<string, unknown>): HTMLElement => {
    const color = typeof user.color === 'string' ? user.color : '#4a4a4a';
    const name = typeof user.name === 'string' ? user.name : 'Someone';
    const caret = document.createElement('span');
    caret.className = 'collaboration-carets__caret';
    caret.style.borderColor = color;
    caret.dataset.name = name;
    if (!withLabel) return caret;
    const label = document.createElement('span');
    label.className = 'collaboration-carets__label';
    label.style.backgroundColor = color;
    label.textContent = name;
    // The caret sits inside the text; keep its label out of what screen readers and copy see as text.
    label.setAttribute('aria-hidden', 'true');
    caret.append(label);
    flashLabel(caret);
    return caret;
  };
}

/**
 * The rich-text editor bound to the summary's Yjs document, with the other editors' cursors.
 * Read-only for readers: the text still updates live. Mounted once per connection (keyed by it).
 */
export function SummaryEditor({ connection, editable, user, label, emptyHint }: SummaryEditorProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const editor = useEditor(
    {
      extensions: [
        ...summaryExtensions(connection.doc.getXmlFragment(SUMMARY_FIELD), emptyHint),
        CollaborationCaret.configure({ provider: connection.provider, user, render: caretRenderer(editable) }),
      ],
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'summary-editor__text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!editable),
        },
        handlePaste: (_view, event) => {
          const refuse = tooLarge(event.clipboardData);
          setRefusal(refuse ? 'That is too much to paste at once. Paste it in smaller parts.' : null);
          return refuse;
        },
        handleDrop: (_view, event) => {
          const refuse = tooLarge(event.dataTransfer);
          setRefusal(refuse ? 'That is too much to drop in at once.' : null);
          return refuse;
        },
      },
    },
    [connection],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  // A cursor that moves within its line keeps its element: its name shows again from here.
  useEffect(() => {
    if (!editable) return;
    const { awareness } = connection.provider;
    const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
      const moved = new Set<string>();
      for (const clientId of [...added, ...updated]) {
        const who = (awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name;
        if (typeof who === 'string') moved.add(who);
      }
      if (moved.size === 0 || editor.isDestroyed) return;
      for (const caret of editor.view.dom.querySelectorAll<HTMLElement>('.collaboration-carets__caret'))
        if (moved.has(caret.dataset.name ?? '')) flashLabel(caret);
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [connection, editor, editable]);

  return (
    <div className={`summary-editor${editable ? '' : ' summary-editor--read-only'}`}>
      {editable && <SummaryToolbar editor={editor} label={`Formatting: ${label}`} />}
      <EditorContent editor={editor} />
      {refusal && (
        <p className="summary-editor__refusal" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
