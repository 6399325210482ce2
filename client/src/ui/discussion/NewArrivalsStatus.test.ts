// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ThreadState } from '../../../../shared/thread-state.js';
import { comment, reply, snapshot } from '../../testing/fixtures.js';
import { arrivalsMessage } from './NewArrivalsStatus.js';

function stateWith(...comments: ReturnType<typeof comment>[]): ThreadState {
  const state = new ThreadState('me');
  state.loadSnapshot(snapshot(comments.length, comments));
  return state;
}

describe('arrivalsMessage', () => {
  it('names a lone comment’s author and its first words, without Markdown marks', () => {
    const c = comment(1, { authorName: 'Amina', body: 'The **border** must open before any talks can go on.' });
    expect(arrivalsMessage([c], stateWith(c))).toBe('New comment from Amina: “The border must open before any…”');
  });

  it('says whom a lone reply answers', () => {
    const parent = comment(1, { authorName: 'Amina' });
    const r = reply(2, 'c1', { authorName: 'Bilal', body: 'Agreed.' });
    expect(arrivalsMessage([r], stateWith(parent, r))).toBe('New reply from Bilal to Amina: “Agreed.”');
  });

  it('counts several', () => {
    const a = comment(1);
    const b = comment(2);
    const r = reply(3, 'c1');
    expect(arrivalsMessage([a, b], stateWith(a, b))).toBe('2 new comments');
    expect(arrivalsMessage([a, b, r], stateWith(a, b, r))).toBe('2 new comments and 1 new reply');
  });

  it('leaves out comments hidden since they arrived', () => {
    const a = comment(1);
    const held = comment(2, { status: 'held', body: '' });
    expect(arrivalsMessage([held], stateWith(a, held))).toBe('');
    expect(arrivalsMessage([a, held], stateWith(a, held))).toBe('New comment from Someone: “body 1”');
  });
});
