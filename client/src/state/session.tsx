import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SelfUser } from '../../../shared/types.js';
import type { RegisterBody, SignInBody } from '../../../shared/schemas.js';
import * as api from '../api/endpoints.js';
import { ApiError, isAbortError } from '../api/errors.js';
import { clearTokens, getTokens, setTokens, subscribeTokens } from './tokens.js';

/** `restoring` while stored tokens are being checked against GET /api/me on load. */
export type SessionState = { status: 'restoring' } | { status: 'guest' } | { status: 'signed-in'; user: SelfUser };

export interface SessionValue {
  session: SessionState;
  /** The signed-in user, or null for guests and while restoring. */
  user: SelfUser | null;
  signIn(body: SignInBody): Promise<SelfUser>;
  register(body: RegisterBody): Promise<SelfUser>;
  /** Revokes the refresh token on the server when it can, and always forgets the session here. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Holds who is signed in for the whole app and keeps it in step with the stored tokens. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() =>
    getTokens() ? { status: 'restoring' } : { status: 'guest' },
  );

  useEffect(() => {
    // A failed refresh, or a sign-out in another tab, ends the session here too.
    const unsubscribe = subscribeTokens((tokens) => {
      if (!tokens) setSession({ status: 'guest' });
    });
    if (!getTokens()) return unsubscribe;

    const controller = new AbortController();
    api.getMe(controller.signal).then(
      (user) => setSession({ status: 'signed-in', user }),
      (error: unknown) => {
        if (isAbortError(error) || controller.signal.aborted) return;
        // The server no longer accepts these tokens: forget them. Other failures (offline, a
        // server error) keep them so a later reload can restore the session.
        if (error instanceof ApiError && error.status === 401) clearTokens();
        setSession({ status: 'guest' });
      },
    );
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, []);

  const accept = useCallback((answer: api.AuthAnswer): SelfUser => {
    setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
    setSession({ status: 'signed-in', user: answer.user });
    return answer.user;
  }, []);

  const signIn = useCallback(async (body: SignInBody) => accept(await api.signIn(body)), [accept]);
  const register = useCallback(async (body: RegisterBody) => accept(await api.register(body)), [accept]);

  const signOut = useCallback(async () => {
    try {
      if (getTokens()) await api.signOut();
    } catch {
      // Signing out locally must work even when the server cannot be told.
    } finally {
      clearTokens();
    }
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ session, user: session.status === 'signed-in' ? session.user : null, signIn, register, signOut }),
    [session, signIn, register, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session of the surrounding SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
