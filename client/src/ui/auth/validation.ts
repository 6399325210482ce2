import type { ZodType } from 'zod';
import type { ApiError } from '../../api/errors.js';

/** Messages by field name. */
export type FieldErrors = Partial<Record<string, string>>;

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
}

/** How the form names a field, and what it says when the field is left empty. */
export interface FieldWording {
  label: string;
  required?: string;
}

/** Plain-language wording for the schema's issues. Refinements read as "<Label> <message>." */
function wordIssue(issue: IssueLike, value: string | undefined, wording: FieldWording | undefined): string {
  if (wording?.required && (value === undefined || value.trim() === '')) return wording.required;
  if (issue.code === 'too_small' && typeof issue.minimum === 'number')
    return `Use at least ${issue.minimum} characters.`;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `Use at most ${issue.maximum} characters.`;
  if (issue.code === 'invalid_format' && issue.format === 'email')
    return 'Enter an email address like name@example.com.';
  if (issue.code === 'custom' && wording) return `${wording.label} ${issue.message}.`;
  return issue.message;
}

/**
 * Checks form values against a shared schema (the same one the server applies) and returns the
 * parsed body or the first message for each field.
 */
export function checkFields<T>(
  schema: ZodType<T>,
  values: Record<string, string | undefined>,
  wording: Record<string, FieldWording>,
): Checked<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field] === undefined) errors[field] = wordIssue(issue, values[field], wording[field]);
  }
  return { ok: false, errors };
}

/**
 * Field messages from a server refusal: VALIDATION_FAILED details (paths such as "name" or
 * "body.name"), and NAME_TAKEN, which is about the name field.
 */
export function serverFieldErrors(error: ApiError, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of error.details) {
    const field = detail.path.split(/[./]/).filter(Boolean).at(-1) ?? '';
    if (fields.includes(field) && errors[field] === undefined) errors[field] = detail.message;
  }
  // NAME_TAKEN, and the safe-name refusals of issue 15 (NAME_TAKEN_LOOKALIKE, NAME_RESERVED ...).
  if (error.code.startsWith('NAME_') && fields.includes('name')) errors.name = error.message;
  return errors;
}
