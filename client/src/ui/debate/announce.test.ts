import { describe, expect, it } from 'vitest';
import { announcement, sameMoment, type DebateMoment } from './announce.js';

const opening: DebateMoment = { stage: 'live/0', title: 'Opening statement: Pakistan', floor: null, overtime: false };

describe('debate announcements', () => {
  it('says the new phase, and who has the floor in it', () => {
    const next = { ...opening, stage: 'live/1', title: 'Opening statement: Afghanistan' };
    expect(announcement(opening, next)).toBe('Now: Opening statement: Afghanistan.');
    expect(announcement(opening, { ...next, floor: 'Nadia' })).toBe(
      'Now: Opening statement: Afghanistan. Nadia has the floor.',
    );
  });

  it('says a stage change too, and a phase of the same title as the last', () => {
    expect(
      announcement(opening, { ...opening, stage: 'post-vote', title: 'Post-vote: the audience votes again' }),
    ).toBe('Now: Post-vote: the audience votes again.');
    expect(announcement(opening, { ...opening, stage: 'live/1' })).toBe('Now: Opening statement: Pakistan.');
  });

  it('says the floor changing hands, and going back to open', () => {
    const nadia = { ...opening, floor: 'Nadia' };
    expect(announcement(opening, nadia)).toBe('Nadia has the floor.');
    expect(announcement(nadia, { ...opening, floor: 'Omar' })).toBe('Omar has the floor.');
    expect(announcement(nadia, opening)).toBe('The floor is open.');
  });

  it('says when a phase runs into overtime, once', () => {
    const over = { ...opening, overtime: true };
    expect(announcement(opening, over)).toBe('Time is up: this phase is in overtime.');
    expect(announcement(over, over)).toBeNull();
    expect(announcement(over, opening)).toBeNull();
  });

  it('says nothing when nothing it follows changed', () => {
    expect(announcement(opening, { ...opening })).toBeNull();
    expect(sameMoment(opening, { ...opening })).toBe(true);
    expect(sameMoment(opening, { ...opening, overtime: true })).toBe(false);
  });
});
