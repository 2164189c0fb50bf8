/**
 * Shows a feature's view only when the tenant policy turns it on for the signed-in user; otherwise
 * a clear "turned off by your organisation" state. Also says when the policy in force is not the
 * stored one (the settings list could not be read). The policy is read once per page.
 *
 * The view mounts at once when the policy last known on the device allows it, so its requests run
 * in parallel with the policy read; the fresh policy then decides (and hides it when it is off).
 */
import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import type { FeatureKey } from '../core/policy/types';
import type { SettingsNotice } from '../services/settingsApi';
import { useStrings } from './i18n';
import { useFeatureState } from './useFeatureState';

export function noticeText(strings: ISuiteStrings, notice: SettingsNotice): string {
  switch (notice) {
    case 'usingLastKnownGood': return strings.SettingsNoticeLastKnownGood;
    case 'usingDefaults': return strings.SettingsNoticeDefaults;
    case 'storedInvalid': return strings.SettingsNoticeStoredInvalid;
    default: return strings.SettingsNoticeNotProvisioned;
  }
}

export interface FeatureGateProps {
  feature: FeatureKey;
  children?: React.ReactNode;
}

/** For page chrome that should simply disappear when off, see FeatureSwitch (no message, no Fluent). */
export const FeatureGate: React.FC<FeatureGateProps> = ({ feature, children }) => {
  const strings = useStrings();
  const { data, error } = useFeatureState(feature);
  if (error || !data) {
    // The settings service already falls back to the last known or default policy; an error here
    // means even the membership could not be read: show the feature rather than hide it wrongly.
    return <>{children}</>;
  }
  const notice = !data.provisional && data.snapshot.notice && data.snapshot.notice !== 'notProvisioned'
    ? <MessageBar messageBarType={MessageBarType.warning} isMultiline data-testid="settings-notice">{noticeText(strings, data.snapshot.notice)}</MessageBar>
    : null;
  if (!data.state.allowed) {
    // Off by the device's copy of the policy: wait for this page's read rather than say so too early.
    if (data.provisional) return <Spinner size={SpinnerSize.small} label={strings.Loading} />;
    return (
      <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="feature-off" data-feature={feature}>
        {data.state.reason === 'disabled' ? strings.FeatureTurnedOff : strings.FeatureNotForYou}
      </MessageBar>
    );
  }
  return <>{notice}{children}</>;
};
