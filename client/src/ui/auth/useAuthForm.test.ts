// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { FormEvent } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInBody, type SignInBody } from '../../../../shared/schemas.js';
import { ApiError } from '../../api/errors.js';
import { deferred } from '../../testing/deferred.js';
import { formText, useAuthForm } from './useAuthForm.js';

const WORDING = {
  name: { label: 'Name', required: 'Enter your name.' },
  password: { label: 'Password', required: 'Enter your password.' },
};

let form: HTMLFormElement;

function fill(name: string, password: string): void {
  (form.elements.namedItem('name') as HTMLInputElement).value = name;
  (form.elements.namedItem('password') as HTMLInputElement).value = password;
}

/** What React hands onSubmit: only the parts the hook reads. */
function submitEvent() {
  const preventDefault = vi.fn();
  return { event: { preventDefault, currentTarget: form } as unknown as FormEvent<HTMLFormElement>, preventDefault };
}

function render(send: (body: SignInBody) => Promise<unknown>, onDone = vi.fn()) {
  const view = renderHook(() =>
    useAuthForm({
      schema: signInBody,
      wording: WORDING,
      toValues: (data) => ({ name: formText(data, 'name'), password: formText(data, 'password') }),
      send,
      onDone,
    }),
  );
  return { ...view, onDone };
}

async function submit(result: { current: { onSubmit(e: FormEvent<HTMLFormElement>): void } }) {
  const { event, preventDefault } = submitEvent();
  await act(async () => result.current.onSubmit(event));
  return preventDefault;
}

beforeEach(() => {
  document.body.innerHTML = '<form><input name="name" /><input name="password" type="password" /></form>';
  form = document.querySelector('form')!;
});

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('useAuthForm', () => {
  it('sends the checked body and calls onDone', async () => {
    const send = vi.fn(async () => undefined);
    const { result, onDone } = render(send);
    fill(' Ada ', 'long-enough');
    const preventDefault = await submit(result);
    expect(preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith({ name: 'Ada', password: 'long-enough' });
    expect(onDone).toHaveBeenCalled();
    expect(result.current).toMatchObject({ errors: {}, formError: null, pending: false });
  });

  it('shows field problems without sending, and focuses the first field with one', async () => {
    const send = vi.fn(async () => undefined);
    const { result } = render(send);
    fill('Ada', '');
    await submit(result);
    expect(send).not.toHaveBeenCalled();
    expect(result.current.errors).toEqual({ password: 'Enter your password.' });
    expect(document.activeElement).toBe(form.elements.namedItem('password'));
  });

  it("shows the server's refusal on the form and its field details on the fields", async () => {
    const { result, onDone } = render(async () => {
      throw new ApiError('NAME_TAKEN', 'That name is already taken.', 409);
    });
    fill('Ada', 'long-enough');
    await submit(result);
    expect(result.current.formError).toBe('That name is already taken.');
    expect(result.current.errors).toEqual({ name: 'That name is already taken.' });
    expect(document.activeElement).toBe(form.elements.namedItem('name'));
    expect(onDone).not.toHaveBeenCalled();
    expect(result.current.pending).toBe(false);
  });

  it('words an unexpected failure in general terms', async () => {
    const { result } = render(async () => {
      throw new TypeError('boom');
    });
    fill('Ada', 'long-enough');
    await submit(result);
    expect(result.current.formError).toBe('Something went wrong. Please try again.');
    expect(result.current.errors).toEqual({});
  });

  it('is pending while sending, ignores a second submit meanwhile, and clears the old error', async () => {
    const answer = deferred<void>();
    const send = vi.fn(() => answer.promise);
    const { result } = render(send);
    fill('', '');
    await submit(result);
    expect(result.current.errors).not.toEqual({});

    fill('Ada', 'long-enough');
    await submit(result);
    expect(result.current).toMatchObject({ pending: true, errors: {}, formError: null });
    await submit(result);
    expect(send).toHaveBeenCalledTimes(1);

    await act(async () => answer.resolve());
    expect(result.current.pending).toBe(false);
  });
});

describe('formText', () => {
  it('reads a text input, and "" for a missing one or a file', () => {
    const data = new FormData();
    data.set('name', 'Ada');
    data.set('upload', new Blob(['x']));
    expect(formText(data, 'name')).toBe('Ada');
    expect(formText(data, 'missing')).toBe('');
    expect(formText(data, 'upload')).toBe('');
  });
});
