import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerBody, signInBody } from '../../../../shared/schemas.js';
import { ApiError } from '../../api/errors.js';
import { checkFields, serverFieldErrors, type FieldWording } from './validation.js';

const WORDING: Record<string, FieldWording> = {
  name: { label: 'Name', required: 'Enter a name.' },
  password: { label: 'Password', required: 'Enter a password.' },
  email: { label: 'Email' },
};

describe('checkFields', () => {
  it('returns the parsed body when the values pass', () => {
    expect(checkFields(signInBody, { name: '  Ada ', password: 'long-enough' }, WORDING)).toEqual({
      ok: true,
      data: { name: 'Ada', password: 'long-enough' },
    });
  });

  it('says what an empty required field needs, whatever the schema said', () => {
    const checked = checkFields(signInBody, { name: '   ', password: '' }, WORDING);
    expect(checked).toEqual({ ok: false, errors: { name: 'Enter a name.', password: 'Enter a password.' } });
    expect(checkFields(signInBody, { password: 'long-enough' }, WORDING)).toEqual({
      ok: false,
      errors: { name: 'Enter a name.' },
    });
  });

  it('words lengths in characters', () => {
    const checked = checkFields(signInBody, { name: 'A', password: 'short' }, WORDING);
    expect(checked).toEqual({
      ok: false,
      errors: { name: 'Use at least 2 characters.', password: 'Use at least 8 characters.' },
    });
    const long = checkFields(signInBody, { name: 'A'.repeat(41), password: 'long-enough' }, WORDING);
    expect(long).toEqual({ ok: false, errors: { name: 'Use at most 40 characters.' } });
  });

  it('words a bad email address', () => {
    const checked = checkFields(registerBody, { name: 'Ada', password: 'long-enough', email: 'ada' }, WORDING);
    expect(checked).toEqual({ ok: false, errors: { email: 'Enter an email address like name@example.com.' } });
  });

  it('reads a refinement as "<Label> <message>."', () => {
    const checked = checkFields(signInBody, { name: '-Ada', password: 'long-enough' }, WORDING);
    expect(checked).toEqual({
      ok: false,
      errors: {
        name: 'Name may hold letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.',
      },
    });
  });

  it('keeps only the first problem of each field', () => {
    const schema = z.object({
      code: z
        .string()
        .min(3)
        .refine(() => false, 'is wrong'),
    });
    const checked = checkFields(schema, { code: 'ab' }, { code: { label: 'Code' } });
    expect(checked).toEqual({ ok: false, errors: { code: 'Use at least 3 characters.' } });
  });

  it("falls back to the schema's message for a field the form does not name, or an issue it cannot word", () => {
    const checked = checkFields(signInBody, { name: 'Ada', password: 'long-enough', extra: 'x' }, WORDING);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? null : Object.keys(checked.errors)).toEqual(['']);

    const custom = checkFields(z.object({ n: z.string().refine(() => false, 'is wrong') }), { n: 'x' }, {});
    expect(custom).toEqual({ ok: false, errors: { n: 'is wrong' } });
  });
});

describe('serverFieldErrors', () => {
  it('maps VALIDATION_FAILED details to the fields the form has, first message each', () => {
    const error = new ApiError('VALIDATION_FAILED', 'Some fields are missing or invalid.', 400, [
      { path: 'body.name', message: 'Name is too short' },
      { path: 'name', message: 'second message' },
      { path: 'body/password', message: 'Password is too common' },
      { path: 'body.role', message: 'not a field here' },
      { path: '', message: 'about nothing' },
    ]);
    expect(serverFieldErrors(error, ['name', 'password'])).toEqual({
      name: 'Name is too short',
      password: 'Password is too common',
    });
  });

  it('puts NAME_TAKEN on the name field when the form has one', () => {
    const error = new ApiError('NAME_TAKEN', 'That name is already taken.', 409);
    expect(serverFieldErrors(error, ['name', 'password'])).toEqual({ name: 'That name is already taken.' });
    expect(serverFieldErrors(error, ['password'])).toEqual({});
  });

  it('has nothing to say about fields for other refusals', () => {
    expect(serverFieldErrors(new ApiError('INVALID_CREDENTIALS', 'Wrong name or password.', 401), ['name'])).toEqual(
      {},
    );
  });
});
