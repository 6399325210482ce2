import { useCallback, useRef, useState } from 'react';
import { LiveError } from '../../realtime/requests.js';

/** A sentence for a refused debate action: the server's public messages are written for people. */
export function debateErrorMessage(error: unknown): string {
  if (error instanceof LiveError) {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID') {
      return 'Sign in to take part in the debate.';
    }
    return error.message;
  }
  return 'Parley did not answer in time. Check your connection and try again.';
}

export interface ActionRunner {
  /** Runs one action at a time; a refusal becomes `error`. Resolves true when it succeeded. */
  run(action: () => Promise<unknown>): Promise<boolean>;
  busy: boolean;
  error: string;
  clearError(): void;
}

/** Busy and error state for a group of buttons that send requests (no double sends). */
export function useAction(): ActionRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      await action();
      return true;
    } catch (err) {
      setError(debateErrorMessage(err));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(''), []);
  return { run, busy, error, clearError };
}
