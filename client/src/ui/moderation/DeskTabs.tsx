import { useRef, type KeyboardEvent } from 'react';

export interface DeskTab<T extends string> {
  id: T;
  label: string;
  /** Shown as a badge after the label ("3", "30+"); omitted for tabs without a count. */
  count?: string;
  /** The count in words for screen readers ("3 comments loaded"). */
  countLabel?: string;
}

export interface DeskTabsProps<T extends string> {
  tabs: ReadonlyArray<DeskTab<T>>;
  selected: T;
  onSelect(id: T): void;
  /** Prefix of the tab and panel ids. */
  idPrefix: string;
  label: string;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string) => `${prefix}-panel`;

/**
 * A tab list after the WAI-ARIA pattern: one tab in the tab order, arrow keys move (mirrored in
 * right-to-left pages), Home and End jump, and moving selects.
 */
export function DeskTabs<T extends string>({ tabs, selected, onSelect, idPrefix, label }: DeskTabsProps<T>) {
  const list = useRef<HTMLDivElement>(null);

  const move = (to: number) => {
    const tab = tabs[(to + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    requestAnimationFrame(() => document.getElementById(tabId(idPrefix, tab.id))?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const rtl = list.current ? getComputedStyle(list.current).direction === 'rtl' : false;
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (event.key === forward) move(at + 1);
    else if (event.key === backward) move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(tabs.length - 1);
    else return;
    event.preventDefault();
  };

  return (
    <div className="desk-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            id={tabId(idPrefix, tab.id)}
            type="button"
            role="tab"
            className="desk-tabs__tab"
            aria-selected={isSelected}
            aria-controls={panelId(idPrefix)}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {tab.count !== undefined && (
              <>
                <span className="desk-tabs__count" aria-hidden="true">
                  {tab.count}
                </span>
                <span className="visually-hidden">, {tab.countLabel ?? tab.count}</span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}
