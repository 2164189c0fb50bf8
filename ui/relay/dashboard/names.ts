/**
 * People's names in the dashboard's views (services/relay/names.ts asks the directory): until the
 * names answer, or when the directory does not know someone, the UPN is shown.
 */
import * as React from 'react';
import type { PeopleNamesApi } from '../../../services/relay/names';
import type { NameOf } from './parts';

/** A name for each UPN of `upns` once the directory answered (the UPN until then). */
export function useNames(api: PeopleNamesApi | undefined, upns: readonly string[]): NameOf {
  const key = Array.from(new Set(upns.map(u => u.toLowerCase()))).sort().join('|');
  const [names, setNames] = React.useState<Map<string, string>>(new Map());
  React.useEffect(() => {
    if (!api || !key) return undefined;
    let current = true;
    api.displayNames(key.split('|')).then(found => {
      if (current) setNames(prev => new Map([...prev, ...found]));
    }, () => undefined);
    return () => { current = false; };
  }, [api, key]);
  return React.useCallback((upn: string) => names.get(upn.toLowerCase()) || upn, [names]);
}
