import { EditorContent, useEditor } from '@tiptap/react';
import { useMemo } from 'react';
import * as Y from 'yjs';
import type { VersionWithState } from '../../collab/api.js';
import { summaryExtensions, SUMMARY_FIELD } from './extensions.js';

/**
 * A saved version, read only: its state loaded into a throwaway Y.Doc (never connected) and shown
 * with the same schema as the live editor, so it looks exactly as it did.
 */
export function VersionView({ version, label }: { version: VersionWithState; label: string }) {
  const fragment = useMemo(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, version.state);
    return doc.getXmlFragment(SUMMARY_FIELD);
  }, [version]);
  const editor = useEditor(
    {
      extensions: summaryExtensions(fragment, 'This version was empty.'),
      editable: false,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'summary-editor__text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-readonly': 'true',
          'aria-label': label,
        },
      },
    },
    [fragment],
  );
  return (
    <div className="summary-editor summary-editor--read-only summary-version__text">
      <EditorContent editor={editor} />
    </div>
  );
}
