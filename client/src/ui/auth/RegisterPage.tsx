import { LIMITS } from '../../../../shared/schemas.js';
import { registerFormBody } from './name-rules.js';
import { authPath, navigate, safeNext, useLocation } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { AuthPanel } from './AuthPanel.js';
import { TextField } from './TextField.js';
import { formText, useAuthForm } from './useAuthForm.js';

/** /register: name, password and an optional email; signs the new user in. */
export function RegisterPage() {
  const { register } = useSession();
  const next = safeNext(useLocation().searchParams.get('next'));
  const form = useAuthForm({
    schema: registerFormBody,
    wording: {
      name: { label: 'Name', required: 'Choose a name.' },
      password: { label: 'Password', required: 'Choose a password.' },
      email: { label: 'Email' },
    },
    toValues: (data) => {
      const email = formText(data, 'email').trim();
      // The email is optional: an empty box means "none", not an invalid address.
      return { name: formText(data, 'name'), password: formText(data, 'password'), email: email || undefined };
    },
    send: register,
    onDone: () => navigate(next, { replace: true }),
  });

  return (
    <AuthPanel
      title="Create an account"
      formError={form.formError}
      footer={
        <>
          Already have an account? <Link to={authPath('sign-in', next)}>Sign in</Link>.
        </>
      }
    >
      <form className="auth-form" noValidate onSubmit={form.onSubmit} aria-busy={form.pending}>
        <TextField
          name="name"
          label="Name"
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={LIMITS.nameMax * 2}
          hint={`${LIMITS.nameMin} to ${LIMITS.nameMax} letters, digits, spaces, dots, dashes or underscores. Shown with your comments.`}
          error={form.errors.name}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          maxLength={LIMITS.passwordMax}
          hint={`At least ${LIMITS.passwordMin} characters.`}
          error={form.errors.password}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          maxLength={200}
          hint="Only used to reach you about your account."
          error={form.errors.email}
        />
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthPanel>
  );
}
