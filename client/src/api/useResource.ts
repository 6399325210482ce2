import { useEffect, useState, type DependencyList } from 'react';
import { isAbortError } from './errors.js';

export type Resource<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: unknown };

const LOADING: Resource<never> = { state: 'loading' };

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Loads data for a component and reloads when `deps` change or `reload` is called. The previous
 * load is aborted first, so a slow answer for an old slug never overwrites the one for the new.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): [Resource<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const key = [...deps, attempt];
  // Each answer keeps the key it was loaded for: until the answer for the current key is in, it is loading.
  const [answer, setAnswer] = useState<{ key: DependencyList; resource: Resource<T> } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setAnswer({ key, resource: { state: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error))
          setAnswer({ key, resource: { state: 'failed', error } });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a fresh closure each render; `deps` names what it depends on
  }, key);

  const resource = answer && sameDeps(answer.key, key) ? answer.resource : LOADING;
  return [resource, () => setAttempt((n) => n + 1)];
}
