/**
 * Loads data for a view: tracks loading, the result and a classified error, ignores answers
 * that arrive after unmount or after a newer load, and offers `reload` for a retry button.
 */
import * as React from 'react';
import { SuiteError, toSuiteError } from '../services/errors';

export interface Loaded<T> {
  loading: boolean;
  data: T | null;
  error: SuiteError | null;
  reload: () => void;
}

export function useLoader<T>(load: () => Promise<T>, deps: React.DependencyList): Loaded<T> {
  const [state, setState] = React.useState<{ loading: boolean; data: T | null; error: SuiteError | null }>(
    { loading: true, data: null, error: null }
  );
  const [attempt, setAttempt] = React.useState(0);
  React.useEffect(() => {
    let current = true;
    setState(s => ({ loading: true, data: s.data, error: null }));
    load().then(
      data => { if (current) setState({ loading: false, data, error: null }); },
      e => { if (current) setState({ loading: false, data: null, error: toSuiteError(e) }); }
    );
    return () => { current = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  const reload = React.useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, reload };
}
