import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { refusalMessage } from './new-debate-api.js';

describe('refusalMessage', () => {
  it("gives the server's message followed by each field's problem, with the fields named for people", () => {
    const error = new ApiError('VALIDATION_FAILED', 'Some fields are missing or invalid.', 400, [
      { path: 'hostId', message: 'choose a host' },
      { path: 'positions.1.debaterIds', message: 'a debater can argue one position only' },
      { path: 'positions.0.name', message: 'too long' },
      { path: 'positions.2', message: 'is empty' },
      { path: 'positions.0.colour', message: 'unknown' },
      { path: 'somewhere', message: 'odd' },
    ]);
    expect(refusalMessage(error)).toBe(
      'Some fields are missing or invalid. Host: choose a host. ' +
        'Position 2 debaters: a debater can argue one position only. Position 1 name: too long. ' +
        'Position 3: is empty. Position 1 colour: unknown. somewhere: odd.',
    );
  });

  it("is the server's message alone without details", () => {
    expect(refusalMessage(new ApiError('FORBIDDEN', 'You are not allowed to do that.', 403))).toBe(
      'You are not allowed to do that.',
    );
  });

  it('asks to try again for anything but an API refusal', () => {
    expect(refusalMessage(new Error('x'))).toBe('Something went wrong. Try again.');
  });
});
