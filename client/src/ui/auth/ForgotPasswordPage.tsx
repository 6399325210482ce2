import { useState } from 'react';
import { resetRequestBody } from '../../../../shared/account-admin.js';
import { requestPasswordReset } from '../../api/accounts.js';
import { Link } from '../layout/Link.js';
import { AuthPanel } from './AuthPanel.js';
import { TextField } from './TextField.js';
import { formText, useAuthForm } from './useAuthForm.js';
import './recovery.css';

/**
 * /forgot-password: asks for a reset link by e-mail. The answer is the same whether or not the
 * address has an account, so the page says what happens "if" it does. Without e-mail on the site
 * the server says to ask an administrator, and the page shows that.
 */
export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useAuthForm({
    schema: resetRequestBody,
    wording: { email: { label: 'Email', required: 'Enter the email address of your account.' } },
    toValues: (data) => ({ email: formText(data, 'email').trim() }),
    send: async ({ email }) => {
      await requestPasswordReset(email);
      setSentTo(email);
    },
    onDone: () => undefined,
  });

  return (
    <AuthPanel
      title="Forgot your password?"
      formError={form.formError}
      footer={
        <>
          Remembered it? <Link to="/sign-in">Sign in</Link>.
        </>
      }
    >
      {sentTo ? (
        <div role="status" className="auth-notice">
          <p>
            If an account uses <bdi>{sentTo}</bdi>, we have sent it a link to choose a new password. The link works
            once, for 30 minutes.
          </p>
          <p className="muted">Nothing arrived? Look in your spam folder, or ask again in a few minutes.</p>
        </div>
      ) : (
        <form className="auth-form" noValidate onSubmit={form.onSubmit} aria-busy={form.pending}>
          <p className="auth-form__intro">
            Enter the email address you gave when you registered. We will send you a link to choose a new password.
          </p>
          <TextField
            name="email"
            label="Email"
            type="email"
            required
            autoComplete="email"
            maxLength={200}
            error={form.errors.email}
          />
          <button type="submit" className="button button--primary" disabled={form.pending}>
            {form.pending ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
    </AuthPanel>
  );
}
