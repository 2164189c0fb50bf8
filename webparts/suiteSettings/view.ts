/** The Suite settings web part's view (the policy editor, with the full validation), loaded on demand by its shell. */
import * as React from 'react';
import * as settingsStrings from 'SuiteSettingsStrings';
import type { SuiteContext } from '../../services/context';
import { SettingsService } from '../../services/settings';
import type { SettingsAdminApi } from '../../services/settingsApi';
import { SettingsView } from '../../ui/settings/SettingsView';

export function createSettingsApi(suite: SuiteContext): SettingsAdminApi {
  return new SettingsService(suite);
}

export function settingsElement(api: SettingsAdminApi): React.ReactElement {
  return React.createElement(SettingsView, { api, strings: settingsStrings });
}
