import { describe, expect, it } from 'vitest';
import { lengthOf, NO_LENGTH } from './SanctionLength.js';

describe('the length of a sanction', () => {
  it('makes a ban an explicit choice: nothing picked is a problem, not an hour or a permanent ban', () => {
    expect(lengthOf('ban', NO_LENGTH)).toEqual({ problem: 'Choose a permanent ban or a length.' });
    expect(lengthOf('ban', { mode: 'permanent', minutes: '' })).toEqual({ minutes: null });
    expect(lengthOf('ban', { mode: 'timed', minutes: '90' })).toEqual({ minutes: 90 });
    expect(lengthOf('ban', { mode: 'timed', minutes: '' })).toHaveProperty('problem');
  });

  it('needs a whole number of minutes for a mute, and none for a warning', () => {
    expect(lengthOf('mute', NO_LENGTH)).toHaveProperty('problem');
    expect(lengthOf('mute', { mode: 'timed', minutes: '1.5' })).toHaveProperty('problem');
    expect(lengthOf('mute', { mode: 'timed', minutes: '30' })).toEqual({ minutes: 30 });
    expect(lengthOf('warn', NO_LENGTH)).toEqual({ minutes: null });
  });
});
