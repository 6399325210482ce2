import { useState } from 'react';
import { z } from 'zod';
import { resetPasswordBody } from '../../../../shared/account-admin.js';
import { LIMITS } from '../../../../shared/schemas.js';
import { resetPassword } from '../../api/accounts.js';
import { useLocation } from '../../state/router.js';
import { Link } from '../layout/Link.js';
import { AuthPanel } from './AuthPanel.js';
import { TextField } from './TextField.js';
import { formText, useAuthForm } from './useAuthForm.js';
import './recovery.css';

/** The new password twice: the server's body schema plus "both boxes agree". */
const resetForm = resetPasswordBody
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'does not match the new password' });

/**
 * /reset-password?token=…: the page a reset link opens (from the e-mail, or handed over by an
 * admin). Sets a new password; afterwards the person signs in with it.
 */
export function ResetPasswordPage() {
  const token = useLocation().searchParams.get('token') ?? '';
  const [done, setDone] = useState(false);
  const form = useAuthForm({
    schema: resetForm,
    wording: {
      password: { label: 'New password', required: 'Choose a new password.' },
      confirm: { label: 'The repeated password', required: 'Type the new password again.' },
    },
    toValues: (data) => ({ token, password: formText(data, 'password'), confirm: formText(data, 'confirm') }),
    send: ({ token: sentToken, password }) => resetPassword({ token: sentToken, password }),
    onDone: () => setDone(true),
  });
  const tokenLooksRight = resetPasswordBody.shape.token.safeParse(token).success;

  return (
    <AuthPanel
      title="Choose a new password"
      formError={form.formError}
      footer={
        <>
          Link expired or used? <Link to="/forgot-password">Ask for a new one</Link>.
        </>
      }
    >
      {done ? (
        <div role="status" className="auth-notice">
          <p>Your password is changed. Other devices signed in to your account are signed out.</p>
          <p>
            <Link to="/sign-in" className="button button--primary">
              Sign in
            </Link>
          </p>
        </div>
      ) : !tokenLooksRight ? (
        <p role="alert">This page needs the whole link from your e-mail. Open the link again, or ask for a new one.</p>
      ) : (
        <form className="auth-form" noValidate onSubmit={form.onSubmit} aria-busy={form.pending}>
          <TextField
            name="password"
            label="New password"
            type="password"
            required
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            hint={`At least ${LIMITS.passwordMin} characters.`}
            error={form.errors.password}
          />
          <TextField
            name="confirm"
            label="Repeat the new password"
            type="password"
            required
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            error={form.errors.confirm}
          />
          <button type="submit" className="button button--primary" disabled={form.pending}>
            {form.pending ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      )}
    </AuthPanel>
  );
}
