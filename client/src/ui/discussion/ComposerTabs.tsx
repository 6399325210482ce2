import { useRef, type KeyboardEvent } from 'react';

/** What the composer shows: the text box, or the text rendered as it will be posted. */
export type ComposerView = 'write' | 'preview';

const VIEWS: Array<{ view: ComposerView; name: string }> = [
  { view: 'write', name: 'Write' },
  { view: 'preview', name: 'Preview' },
];

/**
 * The composer's Write / Preview switch as ARIA tabs: one tab stop, arrow keys (and Home / End)
 * move between the tabs and show their panel at once. The panels are `${idPrefix}-write` and
 * `${idPrefix}-preview`, labelled by the tabs `${idPrefix}-write-tab` and `${idPrefix}-preview-tab`.
 */
export function ComposerTabs({
  idPrefix,
  view,
  onView,
}: {
  idPrefix: string;
  view: ComposerView;
  onView(view: ComposerView): void;
}) {
  const tabs = useRef(new Map<ComposerView, HTMLButtonElement>());

  const select = (next: ComposerView) => {
    onView(next);
    tabs.current.get(next)?.focus();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = VIEWS.findIndex((v) => v.view === view);
    let next: number;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      // Two tabs: either arrow goes to the other one, in either writing direction.
      next = (at + 1) % VIEWS.length;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = VIEWS.length - 1;
    else return;
    event.preventDefault();
    select(VIEWS[next]!.view);
  };

  return (
    <div role="tablist" aria-label="Composer view" className="composer__tabs" onKeyDown={handleKeyDown}>
      {VIEWS.map(({ view: v, name }) => (
        <button
          key={v}
          ref={(el) => {
            if (el) tabs.current.set(v, el);
            else tabs.current.delete(v);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-${v}-tab`}
          className="composer__tab"
          aria-selected={view === v}
          aria-controls={`${idPrefix}-${v}`}
          tabIndex={view === v ? 0 : -1}
          onClick={() => onView(v)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
