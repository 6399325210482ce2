// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ITEM_ATTR, focusItem, isTypingOrModified, neighbourOf, useListShortcuts } from './shortcuts.js';

function item(id: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[${ITEM_ATTR}="${id}"]`)!;
}

function key(target: EventTarget, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  document.body.innerHTML = `
    <input id="reason" />
    <textarea id="note"></textarea>
    <select id="queue"></select>
    <div id="editable" contenteditable="true"></div>
    <ul>
      <li tabindex="-1" ${ITEM_ATTR}="a"><button id="inside-a">Approve</button></li>
      <li tabindex="-1" ${ITEM_ATTR}="b"></li>
      <li tabindex="-1" ${ITEM_ATTR}="c"></li>
    </ul>`;
});

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('isTypingOrModified', () => {
  it('is true for keys with a modifier', () => {
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey'] as const) {
      expect(isTypingOrModified(new KeyboardEvent('keydown', { key: 'r', [modifier]: true }))).toBe(true);
    }
  });

  it('is true inside fields the moderator types into', () => {
    for (const id of ['reason', 'note', 'queue', 'editable']) {
      const event = key(document.getElementById(id)!, { key: 'r' });
      expect(isTypingOrModified(event)).toBe(true);
    }
  });

  it('is false for a plain key elsewhere', () => {
    expect(isTypingOrModified(key(item('a'), { key: 'r' }))).toBe(false);
    expect(isTypingOrModified(new KeyboardEvent('keydown', { key: 'j' }))).toBe(false);
  });
});

describe('focusItem and neighbourOf', () => {
  it('lands on the first or the last item from nowhere', () => {
    expect(focusItem(null, 1)).toBe(item('a'));
    expect(document.activeElement).toBe(item('a'));
    expect(focusItem(null, -1)).toBe(item('c'));
  });

  it('moves one step and stops at the ends', () => {
    expect(focusItem(item('a'), 1)).toBe(item('b'));
    expect(focusItem(item('b'), -1)).toBe(item('a'));
    expect(focusItem(item('a'), -1)).toBe(item('a'));
    expect(focusItem(item('c'), 1)).toBe(item('c'));
  });

  it('finds nothing in an empty list', () => {
    document.body.innerHTML = '';
    expect(focusItem(null, 1)).toBeNull();
  });

  it("names the next item as a leaving item's neighbour, or else the previous one", () => {
    expect(neighbourOf(item('a'))).toBe(item('b'));
    expect(neighbourOf(item('c'))).toBe(item('b'));
    expect(neighbourOf(document.getElementById('reason')!)).toBeNull();
    document.querySelectorAll(`[${ITEM_ATTR}]:not([${ITEM_ATTR}="a"])`).forEach((el) => el.remove());
    expect(neighbourOf(item('a'))).toBeNull();
  });
});

describe('useListShortcuts', () => {
  it('moves to the first item on j and the last on k from outside the list', () => {
    renderHook(() => useListShortcuts(true));
    const j = key(document.body, { key: 'j' });
    expect(document.activeElement).toBe(item('a'));
    expect(j.defaultPrevented).toBe(true);
    key(document.body, { key: 'k' });
    expect(document.activeElement).toBe(item('c'));
  });

  it('leaves other keys, typing, modified keys and keys inside items alone', () => {
    renderHook(() => useListShortcuts(true));
    expect(key(document.body, { key: 'x' }).defaultPrevented).toBe(false);
    expect(key(document.getElementById('reason')!, { key: 'j' }).defaultPrevented).toBe(false);
    expect(key(document.body, { key: 'j', ctrlKey: true }).defaultPrevented).toBe(false);
    expect(key(document.getElementById('inside-a')!, { key: 'j' }).defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(document.body);
  });

  it('does not prevent a key when there is no item to go to', () => {
    document.body.innerHTML = '';
    renderHook(() => useListShortcuts(true));
    expect(key(document.body, { key: 'j' }).defaultPrevented).toBe(false);
  });

  it('does nothing while disabled or after unmount', () => {
    const { rerender, unmount } = renderHook((props: { on: boolean }) => useListShortcuts(props.on), {
      initialProps: { on: false },
    });
    key(document.body, { key: 'j' });
    expect(document.activeElement).toBe(document.body);
    rerender({ on: true });
    unmount();
    key(document.body, { key: 'j' });
    expect(document.activeElement).toBe(document.body);
  });
});
