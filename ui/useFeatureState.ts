/**
 * Whether a feature is on for the signed-in user, from the tenant policy (read once per page).
 * No UI here, so page chrome can gate itself without carrying message components.
 */
import * as React from 'react';
import type { FeatureKey } from '../core/policy/types';
import { SettingsService } from '../services/settings';
import { useSuiteContext } from './SuiteRoot';
import { useLoader, Loaded } from './useLoader';

export function useFeatureState(feature: FeatureKey): Loaded<Awaited<ReturnType<SettingsService['featureState']>>> {
  const ctx = useSuiteContext();
  const service = React.useMemo(() => new SettingsService(ctx), [ctx]);
  return useLoader(() => service.featureState(feature), [service, feature]);
}

/** Renders its children only once the policy says the feature is on for this user; nothing otherwise. */
export const FeatureSwitch: React.FC<{ feature: FeatureKey; children?: React.ReactNode }> = ({ feature, children }) => {
  const { data } = useFeatureState(feature);
  return data && data.state.allowed ? React.createElement(React.Fragment, null, children) : null;
};
