import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { KeyboardEvent } from 'react';
import { SUMMARY_HEADING_LEVEL } from './extensions.js';

const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isApple ? 'Meta' : 'Control';
const MOD_LABEL = isApple ? '⌘' : 'Ctrl';

interface Tool {
  label: string;
  /** Keys in the aria-keyshortcuts form, after the platform's modifier. */
  keys: string[];
  isActive(editor: Editor): boolean;
  run(editor: Editor): void;
}

/** The keyboard shortcuts are StarterKit's own; the buttons only name them. */
const TOOLS: Tool[] = [
  { label: 'Bold', keys: ['B'], isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  {
    label: 'Italic',
    keys: ['I'],
    isActive: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'Heading',
    keys: ['Alt', String(SUMMARY_HEADING_LEVEL)],
    isActive: (e) => e.isActive('heading'),
    run: (e) => e.chain().focus().toggleHeading({ level: SUMMARY_HEADING_LEVEL }).run(),
  },
  {
    label: 'Bullet list',
    keys: ['Shift', '8'],
    isActive: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Quote',
    keys: ['Shift', 'B'],
    isActive: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
];

/** Arrow keys move between the buttons, as in any toolbar (Tab still reaches each one too). */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return;
  const buttons = [...event.currentTarget.querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
  buttons[(at + (rtl ? -step : step) + buttons.length) % buttons.length]?.focus();
  event.preventDefault();
}

/** Formatting buttons for the summary editor; each shows whether it applies at the cursor. */
export function SummaryToolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({ editor, selector: ({ editor: e }) => TOOLS.map((tool) => tool.isActive(e)) });
  return (
    <div className="summary-toolbar" role="toolbar" aria-label={label} onKeyDown={moveFocus}>
      {TOOLS.map((tool, i) => {
        const shortcut = [MOD_LABEL, ...tool.keys].join('+');
        return (
          <button
            key={tool.label}
            type="button"
            className={`summary-toolbar__button summary-toolbar__button--${tool.label.toLowerCase().replace(' ', '-')}`}
            aria-pressed={active[i] ?? false}
            aria-keyshortcuts={[MOD, ...tool.keys].join('+')}
            title={`${tool.label} (${shortcut})`}
            // Keep the editor's focus (and so this editor's cursor for the others) while clicking.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => tool.run(editor)}
          >
            {tool.label}
          </button>
        );
      })}
    </div>
  );
}
