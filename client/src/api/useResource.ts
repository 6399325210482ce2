import { useEffect, useState, type DependencyList } from 'react';
import { isAbortError } from './errors.js';

export type Resource<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: unknown };

/**
 * Loads data for a component and reloads when `deps` change or `reload` is called. The previous
 * load is aborted first, so a slow answer for an old slug never overwrites the one for the new.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ state: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) setResource({ state: 'failed', error });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `deps` names what it depends on.
  }, [...deps, attempt]);

  return [resource, () => setAttempt((n) => n + 1)];
}
