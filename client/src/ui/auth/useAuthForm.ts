import { useState, type FormEvent } from 'react';
import type { ZodType } from 'zod';
import { ApiError } from '../../api/errors.js';
import { checkFields, serverFieldErrors, type FieldErrors, type FieldWording } from './validation.js';

export interface AuthForm {
  errors: FieldErrors;
  /** The server's (or the network's) message, for the form's live region. */
  formError: string | null;
  pending: boolean;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
}

/**
 * Form logic shared by sign-in and register: read the inputs, check them against the shared
 * schema, send, and show the server's refusal. The first field with a problem gets focus.
 */
export function useAuthForm<T>(options: {
  schema: ZodType<T>;
  wording: Record<string, FieldWording>;
  /** Turns the raw inputs into the values the schema checks (for example, dropping an empty optional). */
  toValues(form: FormData): Record<string, string | undefined>;
  send(body: T): Promise<unknown>;
  onDone(): void;
}): AuthForm {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fields = Object.keys(options.wording);

  const focusFirstInvalid = (form: HTMLFormElement, found: FieldErrors) => {
    const first = fields.find((field) => found[field] !== undefined);
    const input = first ? form.elements.namedItem(first) : null;
    if (input instanceof HTMLInputElement) input.focus();
  };

  const submit = async (form: HTMLFormElement) => {
    const checked = checkFields(options.schema, options.toValues(new FormData(form)), options.wording);
    setFormError(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form, checked.errors);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await options.send(checked.data);
      options.onDone();
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError('INTERNAL', 'Something went wrong. Please try again.', 0);
      const found = serverFieldErrors(apiError, fields);
      setErrors(found);
      setFormError(apiError.message);
      focusFirstInvalid(form, found);
    } finally {
      setPending(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) void submit(event.currentTarget);
  };

  return { errors, formError, pending, onSubmit };
}

/** The string value of a form input ("" when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
