import { LIMITS, signInBody } from '../../../../shared/schemas.js';
import { authPath, navigate, safeNext, useLocation } from '../../state/router.js';
import { useSession } from '../../state/session.js';
import { Link } from '../layout/Link.js';
import { AuthPanel } from './AuthPanel.js';
import { TextField } from './TextField.js';
import { formText, useAuthForm } from './useAuthForm.js';

/** /sign-in: name and password; afterwards back to `?next=` (or the front page). */
export function SignInPage() {
  const { signIn } = useSession();
  const next = safeNext(useLocation().searchParams.get('next'));
  const form = useAuthForm({
    schema: signInBody,
    wording: {
      name: { label: 'Name', required: 'Enter your name.' },
      password: { label: 'Password', required: 'Enter your password.' },
    },
    toValues: (data) => ({ name: formText(data, 'name'), password: formText(data, 'password') }),
    send: signIn,
    onDone: () => navigate(next, { replace: true }),
  });

  return (
    <AuthPanel
      title="Sign in"
      formError={form.formError}
      footer={
        <>
          <Link to="/forgot-password">Forgot your password?</Link>
          <br />
          New to Parley? <Link to={authPath('register', next)}>Create an account</Link>.
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
          error={form.errors.name}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          autoComplete="current-password"
          maxLength={LIMITS.passwordMax}
          error={form.errors.password}
        />
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthPanel>
  );
}
