/**
 * Where the skip links lead besides the main content. A part of a page that deserves its own skip
 * link (the debate panel) registers its element while it is mounted; the page frame shows the link
 * only while there is one. The discussion is found by its id, or by its section's class until it
 * carries one.
 */
import { useCallback, useSyncExternalStore } from 'react';

export type SkipTargetName = 'discussion' | 'debate';

const registered = new Map<SkipTargetName, HTMLElement>();
const listeners = new Set<() => void>();
/** A new value whenever the registrations change, for useSyncExternalStore. */
let version = 0;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A ref callback that makes its element the target of the `name` skip link while it is mounted.
 * The element should be a landmark or a labelled section, so a screen reader names where it landed.
 */
export function useSkipTarget(name: SkipTargetName): (element: HTMLElement | null) => () => void {
  return useCallback(
    (element: HTMLElement | null) => {
      if (element) {
        registered.set(name, element);
        changed();
      }
      return () => {
        if (element && registered.get(name) === element) {
          registered.delete(name);
          changed();
        }
      };
    },
    [name],
  );
}

/** The names that have a registered target now; re-renders the caller when that changes. */
export function useRegisteredSkipTargets(): ReadonlySet<SkipTargetName> {
  useSyncExternalStore(subscribe, () => version);
  return new Set(registered.keys());
}

/** The element a skip link named `name` leads to now, if the page has one. */
export function skipTargetOf(name: SkipTargetName): HTMLElement | null {
  const own = registered.get(name);
  if (own?.isConnected) return own;
  if (name === 'discussion')
    return document.getElementById('discussion') ?? document.querySelector<HTMLElement>('section.discussion');
  return document.getElementById(name);
}

/**
 * Moves the keyboard focus to `target` (made focusable by script only, tabindex -1, when it is
 * not already) and brings it into view, as following an in-page link should but browsers do not
 * reliably do for elements that take no focus.
 */
export function focusSkipTarget(target: HTMLElement): void {
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}
