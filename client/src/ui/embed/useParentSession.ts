/**
 * The frame's session as the publisher's page steers it (docs/EMBED.md, "Single sign-on"): an SSO
 * token from the page is exchanged for a Parley session (POST /api/auth/sso), "nobody signed in"
 * ends a session that came from the publisher, and a sign-out at the publisher signs out here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SelfUser } from '../../../../shared/types.js';
import { signOut as revokeSession, type AuthAnswer } from '../../api/endpoints.js';
import { ApiError, toApiError } from '../../api/errors.js';
import { clearTokens, getTokens, setTokens } from '../../state/tokens.js';
import { frameSettings, onParentMessage, postToParent } from './frame-bridge.js';
import type { EmbedTheme } from './protocol.js';

/** How long a frame whose page has an SSO token source waits for it before showing the discussion. */
const SSO_WAIT_MS = 4000;

async function exchangeSsoToken(token: string): Promise<AuthAnswer> {
  const response = await fetch('/api/auth/sso', {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response.status, body);
  return body as AuthAnswer;
}

async function endSession(): Promise<void> {
  try {
    if (getTokens()) await revokeSession();
  } catch {
    // Signing out here must work even when the server cannot be told.
  } finally {
    clearTokens();
  }
}

export interface ParentSession {
  /** Changes whenever the stored session was replaced behind the session context: remount it. */
  epoch: number;
  /** False while an SSO token is still expected (at most SSO_WAIT_MS). */
  settled: boolean;
  theme: EmbedTheme;
  /** The session's user as the session context knows it, kept so "nobody signed in" knows whose it was. */
  setUser(user: SelfUser | null): void;
}

/** Listens to the publisher's page for the frame's lifetime; says `ready` once it listens. */
export function useParentSession(): ParentSession {
  const settings = frameSettings();
  const [epoch, setEpoch] = useState(0);
  const [settled, setSettled] = useState(!settings.expectsSso);
  const [theme, setTheme] = useState<EmbedTheme>(settings.theme);
  const user = useRef<SelfUser | null>(null);

  useEffect(() => {
    if (settled) return;
    const timer = window.setTimeout(() => setSettled(true), SSO_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, [settled]);

  useEffect(() => {
    // Messages are handled one after another, so a sign-out never overtakes the sign-in before it.
    let queue = Promise.resolve();
    const unsubscribe = onParentMessage((message) => {
      if (message.type === 'theme') {
        setTheme(message.theme);
        return;
      }
      queue = queue.then(async () => {
        if (message.type === 'sign-out') {
          await endSession();
        } else if (message.token !== null) {
          try {
            const answer = await exchangeSsoToken(message.token);
            setTokens({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
            setEpoch((n) => n + 1);
            postToParent({ source: 'parley', type: 'sso-result', ok: true });
          } catch (error) {
            const refused = error instanceof ApiError ? error : null;
            postToParent({
              source: 'parley',
              type: 'sso-result',
              ok: false,
              code: refused?.code ?? 'NETWORK_ERROR',
              message: refused?.message ?? 'Parley could not be reached.',
            });
          }
        } else if (user.current?.ssoProvider) {
          // Nobody is signed in at the publisher: a session the publisher gave ends; one the reader
          // opened with a Parley account stays.
          await endSession();
        }
        setSettled(true);
      });
    });
    postToParent({ source: 'parley', type: 'ready', signedIn: getTokens() !== null });
    return unsubscribe;
  }, []);

  const setUser = useCallback((next: SelfUser | null) => {
    user.current = next;
  }, []);
  return useMemo(() => ({ epoch, settled, theme, setUser }), [epoch, settled, theme, setUser]);
}
