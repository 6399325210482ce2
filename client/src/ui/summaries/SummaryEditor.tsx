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

/** A label on a remote cursor: the editor's name on their colour. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#4a4a4a';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  const name = document.createElement('span');
  name.className = 'collaboration-carets__label';
  name.style.backgroundColor = color;
  name.textContent = typeof user.name === 'string' ? user.name : 'Someone';
  // The caret sits inside the text; keep its label out of what screen readers and copy see as text.
  name.setAttribute('aria-hidden', 'true');
  caret.append(name);
  return caret;
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
        CollaborationCaret.configure({ provider: connection.provider, user, render: renderCaret }),
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
