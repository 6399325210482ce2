import { describe, expect, it } from 'vitest';
import { registerFormBody } from './name-rules.js';
import { checkFields } from './validation.js';

const wording = { name: { label: 'Name' }, password: { label: 'Password' } };
const check = (name: string) => checkFields(registerFormBody, { name, password: 'a fine password' }, wording);

describe('the register form’s name rules', () => {
  it('passes ordinary names in any script', () => {
    for (const name of ['Amina Khan', 'أمينة', 'Дмитрий', 'Amina Khani']) expect(check(name).ok).toBe(true);
  });

  it('words a reserved look-alike and an invisible letter for the name field', () => {
    expect(check('h0st')).toEqual({
      ok: false,
      errors: { name: 'Name looks like “host”, a name kept for the site; choose another.' },
    });
    expect(check('Host.')).toMatchObject({ ok: false, errors: { name: expect.stringContaining('“host”') } });
    expect(check('Amina\u3164Khan')).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/invisible/) } });
  });
});
