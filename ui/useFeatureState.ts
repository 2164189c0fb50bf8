/**
 * Whether a feature is on for the signed-in user, from the tenant policy (read once per page).
 * No UI here, so page chrome can gate itself without carrying message components.
 *
 * No waterfall: the answer is known at once from the policy last known on the device (or the
 * defaults), so the feature's view mounts and starts its own requests while the policy and the
 * membership are read in parallel; when the fresh policy arrives it decides, and a feature it
 * turns off is hidden then.
 */
import * as React from 'react';
import type { FeatureKey } from '../core/policy/types';
import { featureAccess } from '../core/policy/audience';
import { SettingsService } from '../services/settings';
import type { FeatureState } from '../services/settings';
import type { SettingsSnapshot } from '../services/settingsApi';
import { toSuiteError } from '../services/errors';
import type { SuiteError } from '../services/errors';
import { useSuiteContext } from './SuiteRoot';

export interface FeatureDecision {
  state: FeatureState;
  snapshot: SettingsSnapshot;
  /** True while the decision comes from the device's copy or the defaults, before this page's read. */
  provisional: boolean;
}

export interface FeatureStateResult {
  loading: boolean;
  data: FeatureDecision | null;
  error: SuiteError | null;
}

function provisionalOf(service: SettingsService, feature: FeatureKey): FeatureDecision {
  const snapshot = service.cached();
  return { state: featureAccess(snapshot.policy, feature, service.cachedMembership()), snapshot, provisional: true };
}

export function useFeatureState(feature: FeatureKey): FeatureStateResult {
  const ctx = useSuiteContext();
  const service = React.useMemo(() => new SettingsService(ctx), [ctx]);
  const [result, setResult] = React.useState<FeatureStateResult>(() => ({ loading: true, data: provisionalOf(service, feature), error: null }));
  const mounted = React.useRef(false);
  React.useEffect(() => {
    let current = true;
    // Another feature or site after the first render: decide again from what is known at once.
    if (mounted.current) setResult({ loading: true, data: provisionalOf(service, feature), error: null });
    mounted.current = true;
    service.featureState(feature).then(
      fresh => { if (current) setResult({ loading: false, data: { ...fresh, provisional: false }, error: null }); },
      e => { if (current) setResult(r => ({ loading: false, data: r.data, error: toSuiteError(e) })); }
    );
    return () => { current = false; };
  }, [service, feature]);
  return result;
}

/** Renders its children once the policy says the feature is on for this user; nothing otherwise. */
export const FeatureSwitch: React.FC<{ feature: FeatureKey; children?: React.ReactNode }> = ({ feature, children }) => {
  const { data } = useFeatureState(feature);
  return data && data.state.allowed ? React.createElement(React.Fragment, null, children) : null;
};
